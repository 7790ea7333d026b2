using System.Text;
using Cantus.Music.Datasets;

namespace Cantus.Music.Tests.Datasets;

public class JsbChoralesLoaderTests_Invalid
{
    private const string Step = "[60, 55, 52, 48]";

    private static InvalidDataException Fail(string json, JsbLoadOptions? options = null) =>
        Assert.Throws<InvalidDataException>(() => JsbChoralesLoader.Parse(Encoding.UTF8.GetBytes(json), "bad.json", options));

    private static string File(string train, string valid = "[]", string test = "[]") =>
        $$"""{"train": {{train}}, "valid": {{valid}}, "test": {{test}}}""";

    [Theory]
    [InlineData("", "bad.json: invalid JSON")]
    [InlineData("[]", "bad.json: the file must be a JSON object")]
    [InlineData("{\"train\": [], \"valid\": []", "invalid JSON: Expected depth to be zero")]
    [InlineData("{\"train\": [], \"valid\": [], \"test\": []} x", "invalid JSON")]
    [InlineData("{\"train\": [], \"valid\": []}", "split \"test\" is missing")]
    [InlineData("{\"train\": [], \"train\": [], \"valid\": [], \"test\": []}", "split \"train\" appears twice")]
    [InlineData("{\"train\": [], \"extra\": [], \"valid\": [], \"test\": []}", "unknown key \"extra\"")]
    [InlineData("{\"train\": {}, \"valid\": [], \"test\": []}", "a split must be an array of chorales; found an object")]
    [InlineData("{\"train\": [[[60, 55, 52, 48]], 7], \"valid\": [], \"test\": []}", "train piece 1: a chorale must be an array of steps; found a number")]
    public void StructureErrorsNameTheProblem(string json, string expected) =>
        Assert.Contains(expected, Fail(json).Message);

    [Fact]
    public void PitchOutOfRangeNamesSplitPieceStepVoiceAndOffset()
    {
        var json = File(train: $"[[{Step}], [{Step}, {Step}, [60, 130, 52, 48]]]");
        var ex = Fail(json);
        Assert.StartsWith("bad.json: train piece 1 step 2: alto: pitch 130 is outside -1..127 (byte ", ex.Message);
        var offset = (long)ex.Data["ByteOffset"]!;
        Assert.Equal(json.IndexOf("130", StringComparison.Ordinal), offset);
        Assert.Equal(1, ex.Data["Piece"]);
        Assert.Equal(2, ex.Data["Step"]);
    }

    [Theory]
    [InlineData("[60, 55, 52]", "step 0: a step has 3 voices; expected 4")]
    [InlineData("[60, 55, 52, 48, 40]", "step 0: a step has more than 4 voices")]
    [InlineData("[60, 55, -2, 48]", "tenor: pitch -2 is outside -1..127")]
    [InlineData("[60, 55, 52.5, 48]", "tenor: pitch 52.5 is not an integer")]
    [InlineData("[60, \"55\", 52, 48]", "alto: expected a MIDI pitch number, found a string")]
    [InlineData("[60, null, 52, 48]", "alto: expected a MIDI pitch number, found null")]
    [InlineData("[60, 55, 52, 1e300]", "bass: pitch 1e300 is not an integer")]
    [InlineData("60", "step 0: a step must be an array [soprano, alto, tenor, bass]; found a number")]
    public void BadStepsAreRejected(string step, string expected)
    {
        var ex = Fail(File(train: "[]", valid: $"[[{step}]]"));
        Assert.Contains("valid piece 0 ", ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void FileSizeLimitIsEnforcedBeforeParsing()
    {
        var json = File(train: $"[[{Step}]]");
        var ex = Fail(json, new JsbLoadOptions { MaxFileBytes = json.Length - 1 });
        Assert.Contains("larger than the limit", ex.Message);
        using var stream = new JsbChoralesLoaderTests.NonSeekableStream(Encoding.UTF8.GetBytes(json));
        Assert.Throws<InvalidDataException>(() => JsbChoralesLoader.Load(stream, "pipe", new JsbLoadOptions { MaxFileBytes = 10 }));
    }

    [Fact]
    public void PieceAndStepLimitsAreEnforced()
    {
        var three = File(train: $"[[{Step}, {Step}, {Step}]]");
        Assert.Contains("train piece 0 step 2: more than 2 steps", Fail(three, new JsbLoadOptions { MaxStepsPerPiece = 2 }).Message);
        Assert.Contains("train piece 0 step 1: more than 1 steps in the file", Fail(three, new JsbLoadOptions { MaxTotalSteps = 1 }).Message);
        var twoPieces = File(train: "[]", test: $"[[{Step}], [{Step}]]");
        Assert.Contains("test piece 1: more than 1 pieces", Fail(twoPieces, new JsbLoadOptions { MaxPiecesPerSplit = 1 }).Message);
    }

    [Fact]
    public void DeepNestingFailsFast()
    {
        var json = "{\"train\": " + new string('[', 100_000);
        Assert.Contains("train piece 0 step 0", Fail(json).Message);
    }

    [Fact]
    public void TruncationAtEveryLengthFailsCleanly()
    {
        var json = Encoding.UTF8.GetBytes(File(train: $"[[{Step}, [-1, 55, 52, 48]]]", test: $"[[{Step}]]"));
        for (var n = 0; n < json.Length; n++)
        {
            // Trailing whitespace does not make a complete document incomplete.
            var ex = Assert.Throws<InvalidDataException>(() => JsbChoralesLoader.Parse(json.AsSpan(0, n), "cut.json"));
            Assert.StartsWith("cut.json: ", ex.Message);
        }
        Assert.Single(JsbChoralesLoader.Parse(json).Pieces(DatasetSplit.Test));
    }

    [Fact]
    public void MissingFileIsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => JsbChoralesLoader.Load(Path.Combine(Path.GetTempPath(), $"none-{Guid.NewGuid():N}.json")));

    [Fact]
    public void OptionsRejectBadValues()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new JsbLoadOptions { Program = 128 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new JsbLoadOptions { Velocity = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new JsbLoadOptions { TempoBpm = double.NaN });
        Assert.Throws<ArgumentOutOfRangeException>(() => new JsbLoadOptions { MaxFileBytes = 0 });
    }
}
