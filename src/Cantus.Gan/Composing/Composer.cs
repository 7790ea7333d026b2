using Cantus.Gan.Models;
using Cantus.Gan.Networks;
using Cantus.Music.Midi;
using Cantus.Music.PianoRolls;
using Cantus.Tensors;
using Cantus.Tensors.Autograd;

namespace Cantus.Gan.Composing;

/// <summary>
/// Writes the accompaniment of a melody of any length with a trained generator (docs/gan.md,
/// "Composing"): the melody's leading silence is skipped as the lab did, the rest is covered by
/// consecutive windows of <see cref="GanArchitecture.Steps"/> steps (the last one padded with
/// silence), all windows run as one batch, and the outputs are joined; the leading silence is put
/// back (the voices rest there) and the tail cut, so the output is exactly as long as the input.
/// Several melodies can share the generator's forward passes (<see cref="Prepare"/>,
/// <see cref="GenerateBatch"/>, <see cref="Finish"/>: the dynamic batching of a server) with
/// results bit-identical to composing each alone. Every window gets the same latent by default,
/// so the "style" the noise selects stays put across the piece while the melody drives the
/// changes; an explicit latent may vary per window.
/// </summary>
public sealed class Composer
{
    /// <summary>Windows per generator forward pass of <see cref="Compose"/> (a bound on its memory for long melodies), and <see cref="GenerateBatch"/>'s default.</summary>
    public const int DefaultPassWindows = 32;

    private const int Chunk = DefaultPassWindows;

    /// <summary>Creates a composer for <paramref name="model"/> (its generator is put in evaluation mode).</summary>
    public Composer(GanModel model)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        model.Generator.Eval();
        model.Critic?.Eval();
    }

    /// <summary>The model.</summary>
    public GanModel Model { get; }

    /// <summary>Accompanies the melody of <paramref name="input"/>.</summary>
    /// <remarks>The same as <see cref="Prepare"/>, <see cref="GenerateBatch"/> of that one melody, then <see cref="Finish"/>.</remarks>
    /// <exception cref="InvalidDataException">The file has no usable melody (no notes, only drums, the chosen track has none).</exception>
    /// <exception cref="ArgumentException">An option is invalid (unknown track, latent of the wrong shape, candidates without a critic).</exception>
    /// <exception cref="MelodyTooLongException">The melody needs more than <see cref="ComposeOptions.MaxWindows"/> windows.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled (checked between chunks of windows).</exception>
    public Composition Compose(MidiFile input, ComposeOptions? options = null, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var pending = Prepare(input, options, progress);
        GenerateBatch([pending], Chunk, cancellationToken);
        return Finish(pending);
    }

    /// <summary>
    /// Reads the melody of <paramref name="input"/>, checks the options and encodes the windows and
    /// latents for the generator, without running it (no network is used: callers may prepare in
    /// parallel while another batch is generating).
    /// </summary>
    /// <param name="input">The melody file.</param>
    /// <param name="options">How to accompany it (null: <see cref="ComposeOptions.Default"/>).</param>
    /// <param name="progress">Receives "generating" reports (windows done of <see cref="PendingComposition.GeneratorWindows"/>) while <see cref="GenerateBatch"/> runs.</param>
    /// <exception cref="InvalidDataException">The file has no usable melody (no notes, only drums, the chosen track has none).</exception>
    /// <exception cref="ArgumentException">An option is invalid (unknown track, latent of the wrong shape, candidates without a critic).</exception>
    /// <exception cref="MelodyTooLongException">The melody needs more than <see cref="ComposeOptions.MaxWindows"/> windows.</exception>
    public PendingComposition Prepare(MidiFile input, ComposeOptions? options = null, IProgress<WorkProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        options ??= ComposeOptions.Default;
        options.Validate();
        var melody = MelodyInput.Read(input, options.MelodyTrack);
        var a = Model.Config.Architecture;
        var track = melody.Melody;
        var length = track.Steps;
        var first = FirstSoundingStep(track);
        var windows = Math.Max(1, (length - first + a.Steps - 1) / a.Steps);
        if (windows > options.MaxWindows)
            throw new MelodyTooLongException(windows, options.MaxWindows, a.Steps);
        var shift = FitShift(track, a);
        var plane = a.Steps * a.Pitches;
        var condition = new float[windows * plane];
        for (var w = 0; w < windows; w++) RollCodec.Encode(track, first + w * a.Steps, shift, a, condition.AsSpan(w * plane, plane));
        var (latents, repeated) = Latents(options, windows, a);
        return new PendingComposition(Model, melody, options, first, shift, windows, condition, latents, repeated, progress);
    }

    /// <summary>
    /// Runs the generator for every window of every composition of <paramref name="batch"/> (all
    /// their candidates) in as few forward passes as <paramref name="maxPassWindows"/> allows (one
    /// when the batch holds at most that many), gives each composition its own part of the output,
    /// and lets the critic pick among a composition's candidates. A window's output depends only on
    /// its own melody and latent (inference uses batch norm's running statistics, and every kernel
    /// sums each element in the same order at any batch size), so each composition's result is
    /// bit-identical to composing it alone. Memory: at most one pass of windows and one output per
    /// candidate being completed, besides each composition's best output.
    /// </summary>
    /// <returns>The number of generator forward passes run.</returns>
    /// <exception cref="ArgumentException">A composition was prepared by a composer of another model, is generated already, or is in the batch twice.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled (checked before each pass; the batch is then unusable).</exception>
    public int GenerateBatch(IReadOnlyList<PendingComposition> batch, int maxPassWindows = DefaultPassWindows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPassWindows, 1);
        var seen = new HashSet<PendingComposition>(ReferenceEqualityComparer.Instance);
        var segments = new List<(PendingComposition Item, int Candidate)>();
        foreach (var item in batch)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(batch));
            if (!ReferenceEquals(item.Model, Model)) throw new ArgumentException("A composition of the batch was prepared for another model.", nameof(batch));
            if (item.Done != 0) throw new ArgumentException("A composition of the batch has been generated already.", nameof(batch));
            if (!seen.Add(item)) throw new ArgumentException("A composition is in the batch twice.", nameof(batch));
            for (var c = 0; c < item.Candidates; c++) segments.Add((item, c));
        }
        var a = Model.Config.Architecture;
        int plane = a.Steps * a.Pitches, zSize = a.LatentChannels * a.LatentHeight * a.LatentWidth, outSize = a.Tracks * plane;
        using var _ = GradMode.NoGrad();
        cancellationToken.ThrowIfCancellationRequested();
        var passes = 0;
        var pieces = new List<(int Segment, int From, int Count)>();
        float[]? spanning = null; // the output so far of a candidate whose windows span several passes
        for (int s = 0, offset = 0; s < segments.Count;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The next pass: windows in order, candidate after candidate, composition after composition.
            pieces.Clear();
            var n = 0;
            while (s < segments.Count && n < maxPassWindows)
            {
                var m = Math.Min(segments[s].Item.Windows - offset, maxPassWindows - n);
                pieces.Add((s, offset, m));
                n += m;
                offset += m;
                if (offset == segments[s].Item.Windows) (s, offset) = (s + 1, 0);
            }
            var condition = new float[n * plane];
            var z = new float[n * zSize];
            var at = 0;
            foreach (var (segment, from, count) in pieces)
            {
                var (item, candidate) = segments[segment];
                item.Condition.AsSpan(from * plane, count * plane).CopyTo(condition.AsSpan(at * plane));
                var latent = item.Latents[candidate].AsReadOnlySpan();
                if (item.RepeatedLatents)
                    for (var j = 0; j < count; j++) latent.CopyTo(z.AsSpan((at + j) * zSize, zSize));
                else latent.Slice(from * zSize, count * zSize).CopyTo(z.AsSpan(at * zSize));
                at += count;
            }
            var output = Model.Generator.Forward(Tensor.FromArray(condition, n, 1, a.Steps, a.Pitches),
                Tensor.FromArray(z, n, a.LatentChannels, a.LatentHeight, a.LatentWidth)).AsReadOnlySpan();
            passes++;
            at = 0;
            foreach (var (segment, from, count) in pieces)
            {
                var (item, candidate) = segments[segment];
                var part = output.Slice(at * outSize, count * outSize);
                at += count;
                item.Done += count;
                if (from == 0 && count == item.Windows) Complete(item, candidate, Tensor.FromSpan(part, count, a.Tracks, a.Steps, a.Pitches));
                else
                {
                    if (from == 0) spanning = GC.AllocateUninitializedArray<float>(item.Windows * outSize);
                    part.CopyTo(spanning.AsSpan(from * outSize));
                    if (from + count == item.Windows)
                    {
                        Complete(item, candidate, Tensor.FromArray(spanning!, item.Windows, a.Tracks, a.Steps, a.Pitches));
                        spanning = null;
                    }
                }
                item.Progress?.Report(new WorkProgress("generating", item.Done, item.GeneratorWindows));
            }
        }
        return passes;

        void Complete(PendingComposition item, int candidate, Tensor output)
        {
            double? score = item.Candidates > 1 ? Score(output, Tensor.FromArray(item.Condition, item.Windows, 1, a.Steps, a.Pitches)) : null;
            if (item.Best is null || score > item.BestScore)
            {
                item.Best = output;
                item.BestCandidate = candidate;
                item.BestScore = score;
            }
        }
    }

    /// <summary>
    /// Binarises, cleans up and writes the generated composition (the chosen candidate's output
    /// with the composition's own options). Uses no network: callers may finish in parallel while
    /// another batch is generating.
    /// </summary>
    /// <exception cref="InvalidOperationException">The generator has not run for it (<see cref="GenerateBatch"/>).</exception>
    /// <exception cref="ArgumentException">It was prepared for another model.</exception>
    public Composition Finish(PendingComposition pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        if (!ReferenceEquals(pending.Model, Model)) throw new ArgumentException("The composition was prepared for another model.", nameof(pending));
        if (!pending.IsGenerated) throw new InvalidOperationException("The generator has not run for this composition yet.");
        var roll = BuildRoll(pending.Melody, pending.Best!, pending.First, pending.Shift, pending.Options);
        var midi = BuildMidi(pending.Melody, roll);
        var latent = pending.Latents[pending.BestCandidate];
        if (pending.RepeatedLatents) latent = Repeat(latent, pending.Windows);
        return new Composition(midi, roll, latent, pending.First, pending.Shift, pending.BestScore);
    }

    /// <summary>
    /// Accompanies independent windows (each exactly <see cref="GanArchitecture.Steps"/> long, melody
    /// only) with one latent per window drawn from <paramref name="seed"/>, as evaluation does:
    /// returns per window a multitrack of the melody and the voices.
    /// </summary>
    internal List<Multitrack> AccompanyWindows(IReadOnlyList<PianoRollTrack> melodies, ComposeOptions options, ulong seed,
        CancellationToken cancellationToken = default, IProgress<WorkProgress>? progress = null)
    {
        var (output, shifts) = GenerateWindows(melodies, seed, cancellationToken, progress);
        return DecodeWindows(melodies, output, shifts, options);
    }

    /// <summary>The raw generator output for independent windows (W, Tracks, S, P), and each window's octave shift.</summary>
    internal (float[] Output, int[] Shifts) GenerateWindows(IReadOnlyList<PianoRollTrack> melodies, ulong seed,
        CancellationToken cancellationToken = default, IProgress<WorkProgress>? progress = null)
    {
        var a = Model.Config.Architecture;
        var plane = a.Steps * a.Pitches;
        var n = melodies.Count;
        var condition = new float[n * plane];
        var shifts = new int[n];
        for (var i = 0; i < n; i++)
        {
            if (melodies[i].Steps != a.Steps) throw new ArgumentException($"Window {i} has {melodies[i].Steps} steps; the model takes {a.Steps}.", nameof(melodies));
            shifts[i] = FitShift(melodies[i], a);
            RollCodec.Encode(melodies[i], 0, shifts[i], a, condition.AsSpan(i * plane, plane));
        }
        var z = new SeededRandom(seed).TruncatedNormal(new TensorShape(n, a.LatentChannels, a.LatentHeight, a.LatentWidth));
        return (Generate(Tensor.FromArray(condition, n, 1, a.Steps, a.Pitches), z, cancellationToken, progress, 0, n).ToArray(), shifts);
    }

    /// <summary>Binarises (and cleans up) <see cref="GenerateWindows"/>' output: per window a multitrack of the melody and the voices.</summary>
    internal List<Multitrack> DecodeWindows(IReadOnlyList<PianoRollTrack> melodies, ReadOnlySpan<float> output, IReadOnlyList<int> shifts, ComposeOptions options)
    {
        var a = Model.Config.Architecture;
        var size = a.Tracks * a.Steps * a.Pitches;
        var result = new List<Multitrack>(melodies.Count);
        for (var i = 0; i < melodies.Count; i++)
        {
            var sample = new Multitrack(a.Steps);
            sample.Add(melodies[i].Slice(0, a.Steps));
            AddVoices(sample, output.Slice(i * size, size), 1, 0, shifts[i], options);
            result.Add(sample);
        }
        return result;
    }

    /// <summary>
    /// Runs the generator on condition: (W, 1, S, P) with latent z: (W, C, h, w) in chunks, without
    /// gradients, checking <paramref name="cancellationToken"/> and reporting windows done
    /// (<paramref name="offset"/> + done of <paramref name="total"/>) after each chunk.
    /// </summary>
    internal Tensor Generate(Tensor condition, Tensor z, CancellationToken cancellationToken = default,
        IProgress<WorkProgress>? progress = null, long offset = 0, long total = 0)
    {
        var n = condition.Shape[0];
        using var _ = GradMode.NoGrad();
        cancellationToken.ThrowIfCancellationRequested();
        if (n <= Chunk)
        {
            var all = Model.Generator.Forward(condition, z);
            progress?.Report(new WorkProgress("generating", offset + n, Math.Max(total, offset + n)));
            return all;
        }
        var parts = new List<Tensor>();
        for (var i = 0; i < n; i += Chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var m = Math.Min(Chunk, n - i);
            parts.Add(Model.Generator.Forward(condition.Narrow(0, i, m), z.Narrow(0, i, m)));
            progress?.Report(new WorkProgress("generating", offset + i + m, Math.Max(total, offset + n)));
        }
        return Tensor.Concat(parts, 0);
    }

    private double Score(Tensor output, Tensor condition)
    {
        using var _ = GradMode.NoGrad();
        return Model.Critic!.Forward(output, condition).Mean().Item();
    }

    /// <summary>
    /// The latents to try: the given one (every window's), or one truncated-normal latent per
    /// candidate drawn from the seed (as in training), to be repeated for every window.
    /// </summary>
    private (List<Tensor> Latents, bool Repeated) Latents(ComposeOptions options, int windows, GanArchitecture a)
    {
        if (options.Latent is { } given)
        {
            var s = given.Shape;
            if (s.Rank != 4 || s[0] != windows || s[1] != a.LatentChannels || s[2] != a.LatentHeight || s[3] != a.LatentWidth)
                throw new ArgumentException($"The latent must have shape ({windows}, {a.LatentChannels}, {a.LatentHeight}, {a.LatentWidth}) for this melody's {windows} windows; it has {s}.", nameof(options));
            return ([given], false);
        }
        if (options.Candidates > 1 && Model.Critic is null)
            throw new ArgumentException("Choosing among candidates needs a critic, and this model has none.", nameof(options));
        var random = new SeededRandom(options.Seed);
        var result = new List<Tensor>();
        for (var c = 0; c < options.Candidates; c++) result.Add(random.TruncatedNormal(new TensorShape(1, a.LatentChannels, a.LatentHeight, a.LatentWidth)));
        return (result, true);
    }

    /// <summary>One window's latent z0: (1, C, h, w) repeated for <paramref name="windows"/> windows: (W, C, h, w).</summary>
    private static Tensor Repeat(Tensor z0, int windows)
    {
        var one = z0.Count;
        var data = new float[windows * one];
        for (var w = 0; w < windows; w++) z0.AsReadOnlySpan().CopyTo(data.AsSpan(w * one, one));
        return Tensor.FromArray(data, windows, z0.Shape[1], z0.Shape[2], z0.Shape[3]);
    }

    /// <summary>The threshold and key penalty in effect: the options', else the model's calibrated clean-up, else 0.</summary>
    internal (float Threshold, float KeyPenalty) ResolveCleanup(ComposeOptions options)
    {
        var calibrated = options.Raw ? null : Model.Config.Cleanup;
        var threshold = options.Threshold ?? calibrated?.Threshold ?? 0f;
        var keyPenalty = options.Raw ? 0f : options.KeyPenalty ?? calibrated?.KeyPenalty ?? 0f;
        new CleanupSettings { Threshold = threshold, KeyPenalty = keyPenalty }.Validate(); // the ranges a model's settings must keep, too
        return (threshold, keyPenalty);
    }

    /// <summary>Steps either side that decide the melody's scale at a step (one bar of 4/4).</summary>
    internal const int ScaleRadius = 16;

    private Multitrack BuildRoll(MelodyInput melody, Tensor output, int first, int shift, ComposeOptions options)
    {
        var source = melody.Roll;
        var result = new Multitrack(source.Steps, source.StepsPerBeat, source.TempoBpm, source.TimeSignature);
        var melodyTrack = result.Add(melody.Melody.Slice(0, source.Steps));
        melodyTrack.Name = melody.Source.Tracks[melody.TrackIndex].Name ?? Model.Config.VoiceNames[Model.Config.ConditionTrack];
        melodyTrack.Program = ProgramFor(options, 0, melody.Program);
        AddVoices(result, output.AsReadOnlySpan(), output.Shape[0], first, shift, options);
        return result;
    }

    /// <summary>
    /// Appends the generated voices (every track but the condition track, in order) to
    /// <paramref name="result"/>, whose track 0 is the melody: window w of values: (W, Tracks, S, P)
    /// covers steps first + w·S.., pitches moved back by −shift, then thresholded and cleaned up.
    /// </summary>
    internal void AddVoices(Multitrack result, ReadOnlySpan<float> values, int windows, int first, int shift, ComposeOptions options)
    {
        var a = Model.Config.Architecture;
        var names = Model.Config.VoiceNames;
        var length = result.Steps;
        var melody = result.Tracks[0];
        var lowest = new int[length];
        var top = new int[length];
        for (var t = 0; t < length; t++)
        {
            lowest[t] = melody.StepCells(t).IndexOfAnyExcept((byte)0);
            top[t] = melody.StepCells(t).LastIndexOfAnyExcept((byte)0);
        }
        var (threshold, keyPenalty) = ResolveCleanup(options);
        var scale = options.Raw || keyPenalty == 0 ? [] : MelodyScale.PerStep(melody, ScaleRadius);
        var plane = a.Steps * a.Pitches;
        var scores = new float[length * VoiceCleanup.Pitches];
        var outputIndex = 1;
        for (var k = 0; k < a.Tracks; k++)
        {
            if (k == Model.Config.ConditionTrack) continue;
            Array.Fill(scores, float.NegativeInfinity);
            for (var w = 0; w < windows; w++)
            {
                var src = values.Slice((w * a.Tracks + k) * plane, plane);
                for (var t = 0; t < a.Steps; t++)
                {
                    var step = first + w * a.Steps + t;
                    if (step >= length) break;
                    for (var j = 0; j < a.Pitches; j++)
                    {
                        var p = a.LowestPitch + j - shift;
                        if (p is >= 0 and < VoiceCleanup.Pitches) scores[step * VoiceCleanup.Pitches + p] = src[t * a.Pitches + j];
                    }
                }
            }
            var active = VoiceCleanup.Apply(scores, lowest, top, threshold, options.Raw, scale, keyPenalty);
            var voice = result.AddTrack(k < names.Count ? names[k] : $"voice {k}", ProgramFor(options, outputIndex++, 0));
            var cells = voice.MutableCells;
            for (var i = 0; i < active.Length; i++)
                if (active[i]) cells[i] = 100;
        }
    }

    private static int ProgramFor(ComposeOptions options, int track, int fallback)
    {
        if (track >= options.Programs.Count) return fallback;
        var p = options.Programs[track];
        return p is >= 0 and <= 127 ? p : throw new ArgumentException($"Program {p} for track {track} is outside 0..127.", nameof(options));
    }

    /// <summary>The output file: the roll's conductor and voices, with the melody track replaced by the input's own note events.</summary>
    private static MidiFile BuildMidi(MelodyInput melody, Multitrack roll)
    {
        var division = melody.Source.Division;
        var q = division.IsSmpte ? 480 : division.TicksPerQuarter;
        var midi = MultitrackToMidi.Convert(roll, new MidiExportOptions { TicksPerQuarter = q });
        if (division.IsSmpte) return midi; // ticks are not comparable: the melody comes from the roll
        var generated = midi.Tracks[1];
        var end = generated.EndTick;
        var events = new List<MidiEvent>(generated.Events.Where(e => e is MetaEvent { IsEndOfTrack: false } || e is ChannelEvent { Command: MidiCommand.ProgramChange }));
        events.AddRange(melody.Notes.Select(e => new ChannelEvent(e.Tick, e.Command, 0, e.Data1, e.Data2)));
        events.Add(MetaEvent.CreateEndOfTrack(Math.Max(end, melody.Notes.Count == 0 ? 0 : melody.Notes.Max(e => e.Tick))));
        midi.Tracks[1] = new MidiTrack(events);
        return midi;
    }

    private static int FirstSoundingStep(PianoRollTrack track)
    {
        for (var t = 0; t < track.Steps; t++)
            if (track.StepCells(t).ContainsAnyExcept((byte)0)) return t;
        throw new InvalidDataException("The melody track has no notes.");
    }

    /// <summary>
    /// Whole octaves to move the melody so its notes fit the model's pitch range (0 when they do);
    /// when it is too wide to fit, the shift that keeps the most sounding cells inside.
    /// </summary>
    internal static int FitShift(PianoRollTrack track, GanArchitecture a)
    {
        var counts = new long[PianoRollTrack.PitchCount];
        for (var t = 0; t < track.Steps; t++)
        {
            var cells = track.StepCells(t);
            for (var p = 0; p < cells.Length; p++)
                if (cells[p] != 0) counts[p]++;
        }
        int bestShift = 0;
        long bestInside = -1;
        foreach (var s in new[] { 0, -12, 12, -24, 24, -36, 36, -48, 48 })
        {
            long inside = 0;
            for (var p = 0; p < counts.Length; p++)
                if (p + s >= a.LowestPitch && p + s <= a.HighestPitch) inside += counts[p];
            if (inside > bestInside)
            {
                bestInside = inside;
                bestShift = s;
            }
        }
        return bestShift;
    }
}
