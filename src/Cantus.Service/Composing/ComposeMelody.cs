using System.Diagnostics;
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
/// </summary>
public sealed class ComposeMelody
{
    private readonly ModelLibrary _models;

    /// <summary>Creates the use case over a model library.</summary>
    public ComposeMelody(ModelLibrary models) => _models = models ?? throw new ArgumentNullException(nameof(models));

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
        Composition composition;
        await model.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            composition = new Composer(model.Model).Compose(midi, request.ToOptions(), progress, cancellationToken);
        }
        catch (ArgumentException ex)
        {
            throw CantusException.FromArgument(ex); // an unknown melody track, a latent of the wrong shape, candidates without a critic
        }
        catch (MelodyTooLongException ex)
        {
            throw CantusException.TooLarge(ex.Message, "melody");
        }
        finally
        {
            model.Gate.Release();
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
