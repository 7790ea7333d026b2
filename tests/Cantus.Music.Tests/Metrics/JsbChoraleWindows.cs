using System.Text.Json;
using Cantus.Music.PianoRolls;

namespace Cantus.Music.Tests.Metrics;

/// <summary>
/// Test-side reader of ../shared/datasets/jsb-chorales/Jsb16thSeparated.json (a stand-in until
/// the dataset loader lands): each chorale is a list of 16th-note steps [s, a, t, b] of MIDI
/// pitches, −1 silent; windows of <c>length</c> steps every <c>hop</c> steps, skipping windows
/// whose melody (soprano) is silent throughout.
/// </summary>
internal static class JsbChoraleWindows
{
    private static readonly string[] VoiceNames = ["soprano", "alto", "tenor", "bass"];

    public static string DatasetPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Cantus.slnx"))) dir = dir.Parent;
        Assert.True(dir is not null, $"No Cantus.slnx above {AppContext.BaseDirectory}.");
        var path = Path.GetFullPath(Path.Combine(dir!.FullName, "..", "shared", "datasets", "jsb-chorales", "Jsb16thSeparated.json"));
        Assert.True(File.Exists(path), $"JSB chorales dataset missing: {path} (see ../shared/datasets/README.md).");
        return path;
    }

    // The file is parsed once per test run; test classes run in parallel, so reads are serialised.
    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(File.ReadAllBytes(DatasetPath())));
    private static readonly Lock Gate = new();

    public static List<Multitrack> Load(string split, int length = 32, int hop = 16)
    {
        lock (Gate) return Windows(Document.Value, split, length, hop);
    }

    private static List<Multitrack> Windows(JsonDocument doc, string split, int length, int hop)
    {
        var windows = new List<Multitrack>();
        foreach (var chorale in doc.RootElement.GetProperty(split).EnumerateArray())
        {
            var steps = chorale.EnumerateArray().Select(s => s.EnumerateArray().Select(p => (int)p.GetDouble()).ToArray()).ToArray();
            for (var start = 0; start + length <= steps.Length; start += hop)
            {
                if (steps.AsSpan(start, length).ToArray().All(s => s[0] < 0)) continue;
                var m = new Multitrack(length);
                for (var v = 0; v < 4; v++)
                {
                    var track = m.AddTrack(VoiceNames[v]);
                    for (var t = 0; t < length; t++)
                    {
                        var pitch = steps[start + t][v];
                        if (pitch >= 0) track[t, pitch] = 100;
                    }
                }
                windows.Add(m);
            }
        }
        return windows;
    }
}
