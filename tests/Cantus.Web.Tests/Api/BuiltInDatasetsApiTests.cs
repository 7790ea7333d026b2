using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cantus.Service;
using Cantus.Service.Datasets;
using Cantus.Service.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Cantus.Web.Tests.Api;

/// <summary>The built-in datasets as a node of a cluster sees them: from the store, whatever its data directory holds.</summary>
public sealed class BuiltInDatasetsApiTests
{
    private static string SharedJsb
    {
        get
        {
            var repo = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(repo, "Cantus.slnx"))) repo = Path.GetDirectoryName(repo)!;
            return Path.Combine(repo, "..", "shared", "datasets", "jsb-chorales", "Jsb16thSeparated.json");
        }
    }

    private static void PutJsb(string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, "datasets", "jsb-chorales");
        Directory.CreateDirectory(folder);
        File.Copy(SharedJsb, Path.Combine(folder, "Jsb16thSeparated.json"), overwrite: true);
    }

    [Fact]
    public async Task ANodeWithAnEmptyDataDirectory_ListsAndOpensTheBuiltInDatasetTheStoreHas()
    {
        using var factory = new SharedDatabaseFactory();
        // Another node seeded the database the factory's node uses.
        var seeder = Path.Combine(factory.Root, "seeder");
        PutJsb(seeder);
        await using (var store = await CantusStore.OpenAsync(factory.Database))
            await new DatasetLibrary(new ServicePaths { DataDirectory = seeder }, () => store).SeedFromDataDirectoryAsync();

        using var client = factory.CreateClient();
        var list = await client.GetFromJsonAsync<JsonElement>("/api/datasets");
        Assert.Contains(list.EnumerateArray(), d => d.GetProperty("name").GetString() == "jsb-chorales" && d.GetProperty("available").GetBoolean());
        Assert.Contains(list.EnumerateArray(), d => d.GetProperty("name").GetString() == "lab-snippets" && !d.GetProperty("available").GetBoolean());
        var info = await client.GetFromJsonAsync<JsonElement>("/api/datasets/jsb-chorales?window=32&hop=16");
        var train = info.GetProperty("splits")[0];
        Assert.Equal((229, 3176), (train.GetProperty("pieces").GetInt32(), train.GetProperty("samples").GetInt32()));
        Assert.False(Directory.Exists(Path.Combine(factory.DataDirectory, "datasets")));

        // Downloading it again fetches nothing: the store has it.
        var download = await client.PostAsync("/api/datasets/jsb-chorales/download", null);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.False((await download.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("downloaded").GetBoolean());
    }

    [Fact]
    public async Task ANodeStartingWithTheFilesInItsDataDirectory_StoresThemInTheStore()
    {
        using var factory = new SharedDatabaseFactory();
        PutJsb(factory.DataDirectory);
        using var client = factory.CreateClient();
        var row = await factory.Services.GetRequiredService<CantusStore>().Datasets.FindBuiltInAsync("jsb-chorales");
        Assert.NotNull(row);
        Assert.Equal((null, 382), (row.OwnerId, row.Pieces));
        Assert.NotNull(row.ArchiveSha256);

        // The files in the data directory go; the node still trains on the dataset, from the store.
        Directory.Delete(Path.Combine(factory.DataDirectory, "datasets"), recursive: true);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/datasets");
        Assert.Contains(list.EnumerateArray(), d => d.GetProperty("name").GetString() == "jsb-chorales" && d.GetProperty("available").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/datasets/jsb-chorales")).StatusCode);
    }

    /// <summary>A node whose database is a file outside its data directory, as another node's could be.</summary>
    private sealed class SharedDatabaseFactory : CantusWebFactory
    {
        public SharedDatabaseFactory() => Directory.CreateDirectory(Path.GetDirectoryName(Database)!);

        public string Database => Path.Combine(Root, "shared-db", "cantus.db");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Cantus:Database", Database);
        }
    }
}
