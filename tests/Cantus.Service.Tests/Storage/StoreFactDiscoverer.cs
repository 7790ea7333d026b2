using Xunit.Abstractions;
using Xunit.Sdk;

namespace Cantus.Service.Tests.Storage;

/// <summary>Makes a <see cref="StoreTestCase"/> of each <see cref="StoreFactAttribute"/> method, per concrete test class.</summary>
public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        new StoreTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
}
