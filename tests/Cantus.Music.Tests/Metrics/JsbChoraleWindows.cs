using Cantus.Music.Datasets;
using Cantus.Music.PianoRolls;

namespace Cantus.Music.Tests.Metrics;

/// <summary>
/// The JSB chorales of ../shared/datasets through the real loader and windower: windows of
/// <c>length</c> steps every <c>hop</c> steps, skipping windows whose melody (soprano) is silent.
/// </summary>
internal static class JsbChoraleWindows
{
    private static readonly Lazy<Dataset> Jsb = new(() => JsbChoralesLoader.Load(RepoPaths.JsbJson));

    public static List<Multitrack> Load(string split, int length = 32, int hop = 16) =>
        [.. new Windower(new WindowOptions { Steps = length, Hop = hop }).Windows(Jsb.Value.Rolls(Enum.Parse<DatasetSplit>(split, ignoreCase: true)))];
}
