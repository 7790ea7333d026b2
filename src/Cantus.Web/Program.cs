using Cantus.Web.Hosting;

var app = CantusWeb.Build(args);
app.Run();

/// <summary>The web host's entry point (also what <c>WebApplicationFactory&lt;Program&gt;</c> starts in tests).</summary>
public partial class Program;
