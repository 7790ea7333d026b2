using Cantus.Service.Errors;
using Cantus.Service.Models;
using Cantus.Service.Tests.TestSupport;

namespace Cantus.Service.Tests.Models;

public sealed class ModelLibraryTests : IDisposable
{
    private readonly TempFolder _dir = new();
    private readonly ModelLibrary _library;

    public ModelLibraryTests() => _library = new ModelLibrary(Fixtures.Paths(_dir));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void CloneRenameTagDelete_ACustomModel()
    {
        var clone = _library.Clone("sample", "mine", new ModelUpdate { Description = "my chorales", Tags = ["chorale", "test"] });
        Assert.False(clone.IsSample);
        Assert.Equal("sample", clone.Parent);
        Assert.Equal("my chorales", clone.Description);
        Assert.True(clone.HasCritic);
        Assert.Equal(["sample", "mine"], _library.List().Select(m => m.Name));

        var renamed = _library.Update("mine", new ModelUpdate { Name = "ours", Genre = "chorale", Tags = ["x"] });
        Assert.Equal(("ours", "chorale", "my chorales"), (renamed.Name, renamed.Genre, renamed.Description));
        Assert.Equal(["x"], renamed.Tags);
        Assert.NotNull(_library.Load(ModelRef.Named("ours")).Model);

        _library.Delete("ours");
        Assert.Equal(["sample"], _library.List().Select(m => m.Name));
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<CantusException>(() => _library.Get("ours")).Kind);
    }

    [Fact]
    public void SampleModels_AreReadOnly()
    {
        Assert.True(_library.Get("sample").IsSample);
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<CantusException>(() => _library.Delete("sample")).Kind);
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<CantusException>(() => _library.Update("sample", new ModelUpdate { Description = "x" })).Kind);
        Assert.True(_library.Load(ModelRef.Named("sample")).IsReadOnly);
    }

    [Fact]
    public void BadNamesAndTakenNames_AreRefusedWithoutChangingAnything()
    {
        foreach (var bad in new[] { "../evil", "Upper", "", "a/b", new string('a', 65) })
            Assert.Equal(ErrorKind.InvalidOptions, Assert.Throws<CantusException>(() => _library.Clone("sample", bad)).Kind);
        _library.Clone("sample", "mine");
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<CantusException>(() => _library.Clone("sample", "mine")).Kind);
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<CantusException>(() => _library.Clone("mine", "sample")).Kind);
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<CantusException>(() => _library.Clone("nothing", "other")).Kind);
        Assert.Equal(["sample", "mine"], _library.List().Select(m => m.Name));
        Assert.DoesNotContain(Directory.GetDirectories(Path.Combine(_dir["data"], "models")), d => Path.GetFileName(d).StartsWith('.'));
    }
}
