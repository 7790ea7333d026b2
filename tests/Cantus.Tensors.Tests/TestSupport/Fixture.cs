using Cantus.Tensors.Serialization;

namespace Cantus.Tensors.Tests.TestSupport;

/// <summary>A PyTorch reference fixture written by ReferenceData/make_fixtures.py.</summary>
internal sealed class Fixture
{
    private readonly SafeTensorsContent _content;

    private Fixture(string name, SafeTensorsContent content)
    {
        Name = name;
        _content = content;
    }

    public string Name { get; }

    public static Fixture Load(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "ReferenceData", "PyTorch", name + ".safetensors");
        Assert.True(File.Exists(path), $"Fixture {path} is missing; run ReferenceData/make_fixtures.py with Debian's python3-torch.");
        return new Fixture(name, SafeTensors.ReadFile(path));
    }

    public Tensor this[string key] =>
        _content.Tensors.TryGetValue(key, out var t) ? t.Clone() : throw new KeyNotFoundException($"Fixture {Name} has no tensor '{key}'.");

    public bool Has(string key) => _content.Tensors.ContainsKey(key);

    public IEnumerable<string> Keys => _content.Tensors.Keys;

    public float Meta(string key) => float.Parse(_content.Metadata[key], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>in.0, in.1, ... as leaves that require grad.</summary>
    public Tensor[] Inputs()
    {
        var list = new List<Tensor>();
        for (int i = 0; Has($"in.{i}"); i++)
        {
            var t = this[$"in.{i}"];
            t.RequiresGrad = true;
            list.Add(t);
        }
        return list.ToArray();
    }
}
