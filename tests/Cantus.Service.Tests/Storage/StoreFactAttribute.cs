using Xunit.Sdk;

namespace Cantus.Service.Tests.Storage;

/// <summary>
/// A fact of the store suite, which runs once per engine (a subclass per engine). Its
/// discoverer skips it in a PostgreSQL class when <c>CANTUS_TEST_POSTGRES</c> is not set,
/// with the reason; .ci/run starts a server and sets it, so nothing is skipped there.
/// </summary>
[XunitTestCaseDiscoverer("Cantus.Service.Tests.Storage.StoreFactDiscoverer", "Cantus.Service.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class StoreFactAttribute : FactAttribute;
