using System.Diagnostics;
using System.Text.Json;
using Cantus.Music.Midi;

namespace Cantus.Music.Tests.Midi;

/// <summary>Every MIDI file in ../shared/datasets read by Cantus and by python3-mido: same notes, same on/off seconds.</summary>
public class MidoCrossCheckTests
{
    [PythonModuleFact("mido", "python3-mido")]
    public void SameNotesAsMido()
    {
        var files = RepoPaths.AllDatasetMidiFiles().ToList();
        Assert.NotEmpty(files);
        var script = Path.Combine(RepoPaths.Root, "tests", "Cantus.Music.Tests", "ReferenceData", "mido", "notes.py");
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(script);
        foreach (var f in files) psi.ArgumentList.Add(f);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(120_000), "mido did not finish in 2 minutes");
        Assert.True(p.ExitCode == 0, stderr.Result);

        var checkedFiles = 0;
        foreach (var line in stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            var path = doc.RootElement.GetProperty("path").GetString()!;
            var expected = doc.RootElement.GetProperty("notes").EnumerateArray()
                .Select(n => (On: n[0].GetDouble(), Off: n[1].GetDouble(), Pitch: n[2].GetInt32())).ToList();
            var actual = Notes(MidiFile.Read(path));
            Assert.True(expected.Count == actual.Count, $"{path}: mido {expected.Count} notes, Cantus {actual.Count}");
            for (var i = 0; i < expected.Count; i++)
            {
                var (e, a) = (expected[i], actual[i]);
                Assert.True(e.Pitch == a.Pitch && Math.Abs(e.On - a.On) < 1e-9 && Math.Abs(e.Off - a.Off) < 1e-9,
                    $"{path} note {i}: mido {e}, Cantus {a}");
            }
            checkedFiles++;
        }
        Assert.Equal(files.Count, checkedFiles);
    }

    /// <summary>Notes matched FIFO per (track, channel, pitch), open ones closed at the end of their track, sorted like the script.</summary>
    private static List<(double On, double Off, int Pitch)> Notes(MidiFile midi)
    {
        var map = midi.GetTempoMap();
        var ticks = new List<(long On, long Off, int Pitch)>();
        foreach (var track in midi.Tracks)
        {
            var open = new Dictionary<(int, int), Queue<long>>();
            foreach (var e in track.Events.OfType<ChannelEvent>())
            {
                var key = (e.Channel, e.Data1);
                if (e.IsNoteOn)
                {
                    if (!open.TryGetValue(key, out var q)) open[key] = q = new Queue<long>();
                    q.Enqueue(e.Tick);
                }
                else if (e.IsNoteOff && open.TryGetValue(key, out var q) && q.Count > 0)
                    ticks.Add((q.Dequeue(), e.Tick, e.Data1));
            }
            foreach (var ((_, pitch), q) in open)
                while (q.Count > 0) ticks.Add((q.Dequeue(), track.EndTick, pitch));
        }
        return [.. ticks.Order().Select(n => (map.ToSeconds(n.On), map.ToSeconds(n.Off), n.Pitch))];
    }
}
