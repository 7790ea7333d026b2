using Cantus.Music.PianoRolls;

namespace Cantus.Music.Audio.Rendering;

/// <summary>Turns a <see cref="Multitrack"/> into timed messages (see <see cref="TimedMidiSequence.FromMultitrack"/>).</summary>
internal static class MultitrackConverter
{
    private static readonly int[] MelodicChannels = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15];

    public static TimedMidiSequence Convert(Multitrack multitrack, int binaryVelocity)
    {
        ArgumentNullException.ThrowIfNull(multitrack);
        ArgumentOutOfRangeException.ThrowIfLessThan(binaryVelocity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(binaryVelocity, 127);
        var secondsPerStep = 60.0 / (multitrack.TempoBpm * multitrack.StepsPerBeat);
        var messages = new List<TimedMidiMessage>();
        var melodic = 0;
        foreach (var track in multitrack.Tracks)
        {
            var channel = track.IsDrum ? 9 : MelodicChannels[melodic++ % MelodicChannels.Length];
            messages.Add(TimedMidiMessage.ControlChange(0, channel, 0, 0));
            messages.Add(TimedMidiMessage.ProgramChange(0, channel, track.Program));
            var isBinary = !track.Cells.ContainsAnyExcept((byte)0, (byte)1);
            AddNotes(track, channel, secondsPerStep, isBinary ? binaryVelocity : 0, messages);
        }

        return new TimedMidiSequence(messages, multitrack.Steps * secondsPerStep);
    }

    /// <summary>Adds one note per run of active steps; <paramref name="velocity"/> 0 means "the first step's value".</summary>
    private static void AddNotes(PianoRollTrack track, int channel, double secondsPerStep, int velocity, List<TimedMidiMessage> messages)
    {
        var cells = track.Cells;
        for (var pitch = 0; pitch < PianoRollTrack.PitchCount; pitch++)
        {
            var start = -1;
            for (var step = 0; step <= track.Steps; step++)
            {
                var active = step < track.Steps && cells[step * PianoRollTrack.PitchCount + pitch] != 0;
                if (active && start < 0)
                {
                    start = step;
                    var v = velocity > 0 ? velocity : cells[step * PianoRollTrack.PitchCount + pitch];
                    messages.Add(TimedMidiMessage.NoteOn(step * secondsPerStep, channel, pitch, v));
                }
                else if (!active && start >= 0)
                {
                    messages.Add(TimedMidiMessage.NoteOff(step * secondsPerStep, channel, pitch));
                    start = -1;
                }
            }
        }
    }
}
