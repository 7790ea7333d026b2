using Cantus.Gan.Models;
using Cantus.Gan.Networks;
using Cantus.Gan.Tests.TestSupport;
using Cantus.Tensors;
using Cantus.Tensors.Serialization;

namespace Cantus.Gan.Tests.Models;

public sealed class ModelStoreTests
{
    private static readonly ModelConfig Small = new() { Architecture = new GanArchitecture { Filters = 2, LowestPitch = 36, Pitches = 64, LatentChannels = 3 } };

    [Fact]
    public void SaveThenLoad_RestoresBothNetworksAndConfig()
    {
        using var dir = Paths.NewTemp();
        var model = GanModel.CreateUntrained(Small with { Iterations = 7 }, 5);
        model.Generator.StateDict()["b2.running_mean"].Fill(0.25f);
        ModelStore.Save(dir.Path, model);
        var loaded = ModelStore.Load(dir.Path);
        Assert.Equal(Small.Architecture, loaded.Config.Architecture);
        Assert.Equal(7, loaded.Config.Iterations);
        Assert.NotNull(loaded.Critic);
        foreach (var (name, t) in model.Generator.StateDict()) Assert.Equal(t.ToArray(), loaded.Generator.StateDict()[name].ToArray());
        foreach (var (name, t) in model.Critic!.StateDict()) Assert.Equal(t.ToArray(), loaded.Critic!.StateDict()[name].ToArray());
        Assert.False(loaded.Generator.Training);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp-*"));
    }

    [Fact]
    public void CriticFilters_RoundTripThroughModelJson()
    {
        using var dir = Paths.NewTemp();
        var config = Small with { Architecture = Small.Architecture with { CriticFilters = 4 } };
        ModelStore.Save(dir.Path, GanModel.CreateUntrained(config, 5));
        var loaded = ModelStore.Load(dir.Path);
        Assert.Equal(4, loaded.Config.Architecture.CriticWidth);
        Assert.Equal(new TensorShape(4, 5, 4, 4), loaded.Critic!.StateDict()["c1.conv.weight"].Shape);
        Assert.Contains("\"criticFilters\": 4", File.ReadAllText(Path.Combine(dir.Path, "model.json")), StringComparison.Ordinal);
        // Without a critic width of its own, model.json has no such field (models written before it existed load alike).
        using var plain = Paths.NewTemp();
        ModelStore.Save(plain.Path, GanModel.CreateUntrained(Small, 5));
        Assert.DoesNotContain("criticFilters", File.ReadAllText(Path.Combine(plain.Path, "model.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidCleanupSettings_AreAModelFormatException()
    {
        using var dir = Paths.NewTemp();
        ModelStore.Save(dir.Path, GanModel.CreateUntrained(Small with { Cleanup = new CleanupSettings { Threshold = -0.5f, KeyPenalty = 0.5f } }, 5));
        Assert.Equal(-0.5f, ModelStore.Load(dir.Path).Config.Cleanup!.Threshold);
        var json = Path.Combine(dir.Path, "model.json");
        File.WriteAllText(json, File.ReadAllText(json).Replace("\"threshold\": -0.5", "\"threshold\": 7", StringComparison.Ordinal));
        var ex = Assert.Throws<ModelFormatException>(() => ModelStore.Load(dir.Path));
        Assert.Contains("clean-up", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GeneratorOnlyWithTorchNames_LoadsWithoutCritic()
    {
        using var dir = Paths.NewTemp();
        var g = new Generator(Small.Architecture, new SeededRandom(9));
        var state = g.StateDict().Where(p => !p.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value);
        SafeTensors.WriteFile(dir["model.safetensors"], state);
        ModelStore.Save(dir["unused"], new GanModel(Small, g, null)); // produce a model.json to copy
        File.Copy(Path.Combine(dir["unused"], "model.json"), dir["model.json"]);
        var loaded = ModelStore.Load(dir.Path);
        Assert.Null(loaded.Critic);
        Assert.Equal(g.StateDict()["u4.conv.weight"].ToArray(), loaded.Generator.StateDict()["u4.conv.weight"].ToArray());
    }

    [Fact]
    public void NoModelJson_AssumesTheLabArchitecture()
    {
        using var dir = Paths.NewTemp();
        // Small weights without model.json are read as the lab's 64-filter network: a mismatch, named.
        SafeTensors.WriteFile(dir["model.safetensors"], new Generator(Small.Architecture, new SeededRandom(1)).StateDict());
        var ex = Assert.Throws<ModelFormatException>(() => ModelStore.Load(dir.Path));
        Assert.Contains("d1.conv.weight", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(64, 1, 4, 4)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(GanArchitecture.Lab, ModelStore.ReadConfig(dir["model.json"]).Architecture);
    }

    [Fact]
    public void CorruptSafetensors_IsAModelFormatException()
    {
        using var dir = Paths.NewTemp();
        ModelStore.Save(dir.Path, GanModel.CreateUntrained(Small, 1));
        var bytes = File.ReadAllBytes(dir["model.safetensors"]);
        File.WriteAllBytes(dir["model.safetensors"], bytes[..(bytes.Length / 2)]);
        var ex = Assert.Throws<ModelFormatException>(() => ModelStore.Load(dir.Path));
        Assert.Contains("not a valid safetensors file", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<FormatException>(ex);
    }

    [Fact]
    public void MissingAndExtraTensors_AreListed()
    {
        using var dir = Paths.NewTemp();
        ModelStore.Save(dir.Path, GanModel.CreateUntrained(Small, 1));
        var content = SafeTensors.ReadFile(dir["model.safetensors"]).Tensors.ToDictionary(p => p.Key, p => p.Value);
        content.Remove("generator.u5.conv.bias");
        content["generator.extra"] = Tensor.Zeros(1);
        SafeTensors.WriteFile(dir["model.safetensors"], content);
        var ex = Assert.Throws<ModelFormatException>(() => ModelStore.Load(dir.Path));
        Assert.Contains("missing [u5.conv.bias]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("unexpected [extra]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonFiniteWeights_AreRejected()
    {
        using var dir = Paths.NewTemp();
        var model = GanModel.CreateUntrained(Small, 1);
        model.Generator.StateDict()["out.conv.bias"].Fill(float.NaN);
        ModelStore.Save(dir.Path, model);
        Assert.Contains("non-finite", Assert.Throws<ModelFormatException>(() => ModelStore.Load(dir.Path)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{\"format\": \"something-else\", \"version\": 1}")]
    [InlineData("{\"format\": \"cantus-gan-model\", \"version\": 2}")]
    [InlineData("{\"format\": \"cantus-gan-model\", \"version\": 1, \"architecture\": {\"filters\": 3, \"pitches\": 100}}")]
    [InlineData("{\"format\": \"cantus-gan-model\", \"version\": 1, \"conditionTrack\": 9}")]
    public void BadModelJson_IsAModelFormatException(string json)
    {
        using var dir = Paths.NewTemp();
        ModelStore.Save(dir.Path, GanModel.CreateUntrained(Small, 1));
        File.WriteAllText(dir["model.json"], json);
        Assert.Throws<ModelFormatException>(() => ModelStore.Load(dir.Path));
    }

    [Fact]
    public void MissingDirectoryOrWeights_AreNotFound()
    {
        using var dir = Paths.NewTemp();
        Assert.Throws<DirectoryNotFoundException>(() => ModelStore.Load(dir["nope"]));
        Assert.Throws<FileNotFoundException>(() => ModelStore.Load(dir.Path));
    }
}
