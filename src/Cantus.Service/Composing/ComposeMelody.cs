using System.Diagnostics;
using System.Runtime.CompilerServices;
using Cantus.Gan;
using Cantus.Gan.Composing;
using Cantus.Music.Images;
using Cantus.Music.Midi;
using Cantus.Service.Audio;
using Cantus.Service.Errors;
using Cantus.Service.Models;

namespace Cantus.Service.Composing;

/// <summary>
/// The compose use case: read the melody (strict or lenient), load the model, let the GAN write
/// the other voices, and produce the MIDI file, and on request the piano-roll PNG and the WAV.
/// The generator runs in the model's <see cref="ComposeBatcher"/>: requests for the same model that
/// arrive together share its forward passes (<see cref="ComposeBatching"/>), with results
/// bit-identical to composing each alone.
/// </summary>
public sealed class ComposeMelody
{
    private readonly ModelLibrary _models;
    private readonly ConditionalWeakTable<LoadedModel, ComposeBatcher> _batchers = [];

    /// <summary>Creates the use case over a model library, without batching (<see cref="ComposeBatching.Off"/>: one request per generator pass).</summary>
    public ComposeMelody(ModelLibrary models)
        : this(models, ComposeBatching.Off)
    {
    }

    /// <summary>Creates the use case over a model library; requests for the same model that arrive together share generator passes as <paramref name="batching"/> says.</summary>
    /// <exception cref="ArgumentException">The batching settings are out of range.</exception>
    public ComposeMelody(ModelLibrary models, ComposeBatching batching)
    {
        _models = models ?? throw new ArgumentNullException(nameof(models));
        ArgumentNullException.ThrowIfNull(batching);
        batching.Validate();
        Batching = batching;
    }

    /// <summary>How requests are batched.</summary>
    public ComposeBatching Batching { get; }

    /// <summary>The batcher of a loaded model (one per model while it is loaded: it goes with the model when the library drops it).</summary>
    internal ComposeBatcher BatcherFor(LoadedModel model) => _batchers.GetValue(model, m => new ComposeBatcher(m, Batching));

    /// <summary>Accompanies the request's melody.</summary>
    /// <exception cref="CantusException">InvalidOptions, LimitExceeded (file size, length), NotFound (model), BadInput (no usable melody).</exception>
    /// <exception cref="MidiFormatException">The melody file is malformed (strict reading, or damage lenient reading cannot repair).</exception>
    /// <exception cref="OperationCanceledException">Canceled.</exception>
    public async Task<ComposeResult> ExecuteAsync(ComposeRequest request, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var renderer = request.Wav is { } wav ? AudioRendering.CreateRenderer(wav) : null; // bad audio settings fail before any work
        var clock = Stopwatch.StartNew();
        var midi = MidiFile.Parse(request.Melody.Span, request.Lenient ? MidiReadingSettings.Lenient : MidiReadingSettings.Strict);
        progress?.Report(new WorkProgress("loading the model", 0, 0));
        var loadClock = Stopwatch.StartNew();
        var model = await _models.LoadAsync(request.OwnerId, request.Model, cancellationToken).ConfigureAwait(false);
        var loadMs = loadClock.Elapsed.TotalMilliseconds;
        var batcher = BatcherFor(model);
        // The request's own work (reading, encoding; later decoding and writing) runs here, outside the
        // batch, so that its failures are its own; its progress reports come from the batch's pass, so a
        // progress that throws is held back and rethrown here rather than failing the others' pass.
        var contained = progress is null ? null : new ContainedProgress(progress);
        Composition composition;
        try
        {
            var pending = batcher.Composer.Prepare(midi, request.ToOptions(), contained);
            await batcher.RunAsync(pending, cancellationToken).ConfigureAwait(false);
            contained?.ThrowIfFailed();
            cancellationToken.ThrowIfCancellationRequested();
            composition = batcher.Composer.Finish(pending);
        }
        catch (ArgumentException ex)
        {
            throw CantusException.FromArgument(ex); // an unknown melody track, a latent of the wrong shape, candidates without a critic
        }
        catch (MelodyTooLongException ex)
        {
            throw CantusException.TooLarge(ex.Message, "melody");
        }
        var bytes = composition.Midi.ToBytes();
        var composeMs = clock.Elapsed.TotalMilliseconds - loadMs;
        clock.Restart();
        byte[]? png = null, audio = null;
        if (request.Png)
        {
            progress?.Report(new WorkProgress("drawing", 0, 0));
            using var stream = new MemoryStream();
            PngEncoder.Encode(new PianoRollRenderer().Render(composition.Roll, request.MelodyName), stream);
            png = stream.ToArray();
        }
        if (renderer is not null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new WorkProgress("rendering audio", 0, 0));
            audio = AudioRendering.RenderWav(renderer, composition.Midi);
        }
        return new ComposeResult(composition, model.Name, bytes, png, audio, midi.Repairs, new ComposeTimings(loadMs, composeMs, clock.Elapsed.TotalMilliseconds));
    }
}
