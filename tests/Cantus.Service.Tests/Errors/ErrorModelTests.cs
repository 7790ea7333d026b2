using System.Text.Json;
using Cantus.Gan.Models;
using Cantus.Music.Audio.Rendering;
using Cantus.Music.Datasets;
using Cantus.Music.Midi;
using Cantus.Service.Errors;

namespace Cantus.Service.Tests.Errors;

public sealed class ErrorModelTests
{
    public static TheoryData<Exception, ErrorKind?> Cases() => new()
    {
        { CantusException.Conflict("taken"), ErrorKind.Conflict },
        { new MidiFormatException("bad chunk"), ErrorKind.BadInput },
        { new ModelFormatException("bad model"), ErrorKind.BadInput },
        { new InvalidDataException("no windows"), ErrorKind.BadInput },
        { new JsonException("bad json"), ErrorKind.BadInput },
        { new RenderLimitException("too long"), ErrorKind.LimitExceeded },
        { new Gan.Composing.MelodyTooLongException(9, 2, 32), ErrorKind.LimitExceeded },
        { new FileNotFoundException("no file"), ErrorKind.NotFound },
        { new DirectoryNotFoundException("no dir"), ErrorKind.NotFound },
        { new HttpRequestException("offline"), ErrorKind.Unavailable },
        { new ArgumentException("a bug"), null },
        { new InvalidOperationException("a bug"), null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_MapsEachFamily(Exception exception, ErrorKind? expected)
    {
        Assert.Equal(expected, ErrorClassifier.Classify(exception, out var message));
        Assert.Equal(exception.Message, message);
    }

    [Fact]
    public void FromArgument_DropsTheParameterSuffixAndKeepsTheField()
    {
        var ex = CantusException.FromArgument(new ArgumentException("The batch size must be 1..4096, not 0.", "batchSize"));
        Assert.Equal(ErrorKind.InvalidOptions, ex.Kind);
        Assert.Equal("batchSize", ex.Field);
        Assert.Equal("The batch size must be 1..4096, not 0.", ex.Message);
    }

    [Fact]
    public void OptionValues_ParseOrNameTheField()
    {
        Assert.Equal(new Music.PianoRolls.PitchRange(36, 99), OptionValues.PitchRange("36..99"));
        Assert.Equal(Transposition.All, OptionValues.Transposition("ALL"));
        Assert.Equal(Transposition.UpTo(3), OptionValues.Transposition("±3"));
        Assert.Equal(DatasetSplit.Valid, OptionValues.Split(" valid "));
        Assert.Equal([0, 52, 127], OptionValues.Programs("0, 52,127"));
        foreach (var (parse, field) in new (Action, string)[]
                 {
                     (() => OptionValues.PitchRange("99..36"), "pitchRange"),
                     (() => OptionValues.PitchRange("36-99"), "pitchRange"),
                     (() => OptionValues.Transposition("some"), "transposition"),
                     (() => OptionValues.Transposition("200"), "transposition"),
                     (() => OptionValues.Split("dev"), "split"),
                     (() => OptionValues.Programs("0,128"), "programs"),
                 })
        {
            var ex = Assert.Throws<CantusException>(parse);
            Assert.Equal(ErrorKind.InvalidOptions, ex.Kind);
            Assert.Equal(field, ex.Field);
            Assert.DoesNotContain("--", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Transposition_RoundTripsThroughJsonAsModelJsonWritesIt()
    {
        foreach (var t in new[] { Transposition.None, Transposition.All, Transposition.UpTo(5) })
        {
            var json = JsonSerializer.Serialize(t);
            Assert.Equal(t, JsonSerializer.Deserialize<Transposition>(json));
        }
        Assert.Equal("\"all\"", JsonSerializer.Serialize(Transposition.All));
        Assert.Equal("\"5\"", JsonSerializer.Serialize(Transposition.UpTo(5)));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Transposition>("\"sideways\""));
    }
}
