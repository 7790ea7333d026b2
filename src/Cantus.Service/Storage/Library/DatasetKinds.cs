namespace Cantus.Service.Storage.Library;

/// <summary>The values of <see cref="DatasetRecord.Kind"/>.</summary>
public static class DatasetKinds
{
    /// <summary>Bach's chorales (built in, downloaded on demand).</summary>
    public const string JsbChorales = "jsb-chorales";

    /// <summary>The lab's 229 snippets (built in).</summary>
    public const string LabSnippets = "lab-snippets";

    /// <summary>A user's zip of MIDI files.</summary>
    public const string MidiZip = "midi-zip";
}
