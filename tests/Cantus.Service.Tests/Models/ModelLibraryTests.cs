using Cantus.Gan.Models;
using Cantus.Service.Errors;
using Cantus.Service.Models;
using Cantus.Service.Storage.Accounts;
using Cantus.Service.Tests.TestSupport;

namespace Cantus.Service.Tests.Models;

public sealed class ModelLibraryTests : IDisposable
{
    private const string Me = UserRepository.LocalUserId;
    private readonly TempFolder _dir = new();
    private readonly ServicePaths _paths;
    private readonly ModelLibrary _library;

    public ModelLibraryTests()
    {
        _paths = Fixtures.Paths(_dir);
        _library = Fixtures.Library(_paths);
    }

    public void Dispose() => _dir.Dispose();

    private async Task<string[]> Names() => (await _library.ListAsync(Me)).Select(m => m.Name).ToArray();

    [Fact]
    public async Task CloneRenameTagLoadDelete_AStoredModel()
    {
        var clone = await _library.CloneAsync(Me, "sample", "mine", new ModelUpdate { Description = "my chorales", Tags = ["chorale", "test"] });
        Assert.False(clone.IsSample);
        Assert.Equal("sample", clone.Parent);
        Assert.Equal("my chorales", clone.Description);
        Assert.True(clone.HasCritic);
        Assert.Equal(["sample", "mine"], await Names());

        var renamed = await _library.UpdateAsync(Me, "mine", new ModelUpdate { Name = "ours", Genre = "chorale", Tags = ["x"] });
        Assert.Equal(("ours", "chorale", "my chorales"), (renamed.Name, renamed.Genre, renamed.Description));
        Assert.Equal(["x"], renamed.Tags);
        var loaded = await _library.LoadAsync(Me, ModelRef.Named("ours"));
        Assert.Null(loaded.Directory);
        Assert.Same(loaded, await _library.LoadAsync(Me, ModelRef.Named("ours"))); // cached

        await _library.DeleteAsync(Me, "ours");
        Assert.Equal(["sample"], await Names());
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<CantusException>(() => _library.GetAsync(Me, "ours"))).Kind);
    }

    [Fact]
    public async Task SampleModels_AreReadOnly_AndOtherUsersModelsAreInvisible()
    {
        Assert.True((await _library.GetAsync(Me, "sample")).IsSample);
        Assert.Equal(ErrorKind.Conflict, (await Assert.ThrowsAsync<CantusException>(() => _library.DeleteAsync(Me, "sample"))).Kind);
        Assert.Equal(ErrorKind.Conflict, (await Assert.ThrowsAsync<CantusException>(() => _library.UpdateAsync(Me, "sample", new ModelUpdate { Description = "x" }))).Kind);
        Assert.True((await _library.LoadAsync(Me, ModelRef.Named("sample"))).IsReadOnly);

        await _library.CloneAsync(Me, "sample", "private");
        var store = Fixtures.Store(_paths);
        var other = await store.Users.CreateAsync(new UserRecord { Name = "someone", DisplayName = "Someone" });
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<CantusException>(() => _library.GetAsync(other.Id, "private"))).Kind);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<CantusException>(() => _library.LoadAsync(other.Id, ModelRef.Named("private")))).Kind);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<CantusException>(() => _library.DeleteAsync(other.Id, "private"))).Kind);
        Assert.DoesNotContain(await _library.ListAsync(other.Id), m => m.Name == "private");
        await _library.CloneAsync(other.Id, "sample", "private"); // names are per user
    }

    [Fact]
    public async Task Upload_AGeneratorWithTheLabsStateDictNames()
    {
        var model = GanModel.CreateUntrained(new ModelConfig { Architecture = Fixtures.TinyArchitecture }, 4);
        using var weights = new MemoryStream();
        Tensors.Serialization.SafeTensors.Write(weights, model.Generator.StateDict());
        weights.Position = 0;
        using var config = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(ModelStore.ConfigJson(model.Config)));
        var uploaded = await _library.UploadAsync(Me, "from-pytorch", weights, config);
        Assert.False(uploaded.HasCritic);
        Assert.NotNull((await _library.LoadAsync(Me, ModelRef.Named("from-pytorch"))).Model.Generator);

        using var garbage = new MemoryStream("not safetensors"u8.ToArray());
        await Assert.ThrowsAsync<ModelFormatException>(() => _library.UploadAsync(Me, "garbage", garbage, null));
        Assert.DoesNotContain("garbage", await Names());
    }

    [Fact]
    public async Task BadNamesAndTakenNames_AreRefusedWithoutChangingAnything()
    {
        foreach (var bad in new[] { "../evil", "Upper", "", "a/b", new string('a', 65) })
            Assert.Equal(ErrorKind.InvalidOptions, (await Assert.ThrowsAsync<CantusException>(() => _library.CloneAsync(Me, "sample", bad))).Kind);
        await _library.CloneAsync(Me, "sample", "mine");
        Assert.Equal(ErrorKind.Conflict, (await Assert.ThrowsAsync<CantusException>(() => _library.CloneAsync(Me, "sample", "mine"))).Kind);
        Assert.Equal(ErrorKind.Conflict, (await Assert.ThrowsAsync<CantusException>(() => _library.CloneAsync(Me, "mine", "sample"))).Kind);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<CantusException>(() => _library.CloneAsync(Me, "nothing", "other"))).Kind);
        Assert.Equal(["sample", "mine"], await Names());
    }
}
