using System.ComponentModel;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Cantus.Service.Tests.Storage;

/// <summary>A store test that is skipped, with the reason, when its class needs PostgreSQL and none is configured.</summary>
public sealed class StoreTestCase : XunitTestCase
{
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer only.")]
    public StoreTestCase() { }

    public StoreTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod) { }

    protected override string GetSkipReason(IAttributeInfo factAttribute) =>
        PostgreSqlStoreFixture.SkipReason is { } reason
        && typeof(IClassFixture<PostgreSqlStoreFixture>).IsAssignableFrom(TestMethod.TestClass.Class.ToRuntimeType())
            ? reason
            : base.GetSkipReason(factAttribute);
}
