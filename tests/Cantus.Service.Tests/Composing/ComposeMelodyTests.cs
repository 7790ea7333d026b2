using Cantus.Gan;
using Cantus.Music.Midi;
using Cantus.Service.Audio;
using Cantus.Service.Composing;
using Cantus.Service.Errors;
using Cantus.Service.Models;
using Cantus.Service.Tests.TestSupport;

namespace Cantus.Service.Tests.Composing;

public sealed class ComposeMelodyTests : IDisposable
{
    private readonly TempFolder _dir = new();
    private readonly ComposeMelody _compose;

    public ComposeMelodyTests() => _compose = new ComposeMelody(Fixtures.Library(Fixtures.Paths(_dir)));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Compose_WritesMidiPngAndWavAndReportsProgress()
    {
        var reports = new List<WorkProgress>();
        var result = await _compose.ExecuteAsync(new ComposeRequest
        {
            Melody = Fixtures.Melody(4),
            Model = ModelRef.Named("sample"),
            Png = true,
            Wav = new AudioSettings { SampleRate = 8000 },
            Seed = 3,
        }, SyncProgress.Of<WorkProgress>(reports.Add));
        Assert.Equal("sample", result.ModelName);
        Assert.Equal(64, result.Composition.Roll.Steps);
        var midi = MidiFile.Parse(result.Midi);
        Assert.Equal(5, midi.Tracks.Count); // tempo track, melody, three voices
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], result.Png![..4]);
        Assert.Equal("RIFF"u8.ToArray(), result.Wav![..4]);
        Assert.Contains(reports, r => r.Stage == "generating" && r.Done == r.Total);
        Assert.Empty(result.Repairs);
    }

    [Fact]
    public void SameSeed_SameMusic_OtherSeed_AnotherTake()
    {
        byte[] Take(ulong seed) => _compose.ExecuteAsync(new ComposeRequest { Melody = Fixtures.Melody(), Model = ModelRef.Named("sample"), Seed = seed }).GetAwaiter().GetResult().Midi;
        Assert.Equal(Take(1), Take(1));
        Assert.NotEqual(Take(1), Take(2));
    }

    [Fact]
    public async Task DamagedMidi_StrictRefuses_LenientRepairsAndSaysWhat()
    {
        var bytes = Fixtures.Melody();
        var truncated = bytes[..^6]; // the end-of-track event and part of the last note are gone
        var strict = await Assert.ThrowsAsync<MidiFormatException>(() => _compose.ExecuteAsync(new ComposeRequest { Melody = truncated, Model = ModelRef.Named("sample") }));
        Assert.Equal(ErrorKind.BadInput, ErrorClassifier.Classify(strict, out _));
        var lenient = await _compose.ExecuteAsync(new ComposeRequest { Melody = truncated, Model = ModelRef.Named("sample"), Lenient = true });
        Assert.NotEmpty(lenient.Repairs);
    }

    [Fact]
    public void Refusals_HaveTheirKindAndField()
    {
        void Refused(ComposeRequest request, ErrorKind kind, string? field)
        {
            var ex = Assert.Throws<CantusException>(() => _compose.ExecuteAsync(request).GetAwaiter().GetResult());
            Assert.Equal(kind, ex.Kind);
            Assert.Equal(field, ex.Field);
        }
        var melody = Fixtures.Melody();
        Refused(new ComposeRequest { Melody = Array.Empty<byte>() }, ErrorKind.InvalidOptions, "melody");
        Refused(new ComposeRequest { Melody = melody, Limits = new ComposeLimits { MaxMelodyBytes = 10 } }, ErrorKind.LimitExceeded, "melody");
        Refused(new ComposeRequest { Melody = melody, Model = ModelRef.Named("sample"), Candidates = 0 }, ErrorKind.InvalidOptions, "candidates");
        Refused(new ComposeRequest { Melody = melody, Model = ModelRef.Named("sample"), Threshold = 2 }, ErrorKind.InvalidOptions, "threshold");
        Refused(new ComposeRequest { Melody = melody, Model = ModelRef.Named("no-such-model") }, ErrorKind.NotFound, null);
        Refused(new ComposeRequest { Melody = melody, Model = ModelRef.Named("../samples/sample") }, ErrorKind.NotFound, null);
        Refused(new ComposeRequest { Melody = Fixtures.Melody(8), Model = ModelRef.Named("sample"), Limits = new ComposeLimits { MaxWindows = 2 } }, ErrorKind.LimitExceeded, "melody");
        Refused(new ComposeRequest { Melody = melody, Model = ModelRef.Named("sample"), MelodyTrack = "7" }, ErrorKind.InvalidOptions, "melodyTrack");
        Refused(new ComposeRequest { Melody = melody, Model = ModelRef.Named("sample"), Wav = new AudioSettings { SampleRate = 10 } }, ErrorKind.InvalidOptions, "sampleRate");
    }

    [Fact]
    public void Canceled_StopsBeforeTheWork()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            _compose.ExecuteAsync(new ComposeRequest { Melody = Fixtures.Melody(), Model = ModelRef.Named("sample") }, cancellationToken: cts.Token).GetAwaiter().GetResult());
    }
}
