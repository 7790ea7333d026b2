using Cantus.Gan.Models;
using Cantus.Gan.Networks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cantus.Web.Tests;

/// <summary>The real host over a fresh data directory with one small sample model, "sample".</summary>
public class CantusWebFactory : WebApplicationFactory<Program>
{
    public static readonly GanArchitecture TinyArchitecture = new() { Filters = 2, LowestPitch = 48, Pitches = 32, LatentChannels = 4 };

    public CantusWebFactory()
    {
        Root = Directory.CreateTempSubdirectory("cantus-web-").FullName;
        ModelStore.Save(Path.Combine(Root, "samples", "sample"), GanModel.CreateUntrained(new ModelConfig { Architecture = TinyArchitecture, Description = "a sample" }, 1));
    }

    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Cantus:Data", DataDirectory);
        builder.UseSetting("Cantus:WarmUp", "false");
        builder.UseSetting("Cantus:SampleModels", Path.Combine(Root, "samples"));
        builder.UseSetting("Cantus:MaxArchiveBytes", (1 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
