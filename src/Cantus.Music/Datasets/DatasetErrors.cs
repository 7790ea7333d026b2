using System.Globalization;
using System.Text;

namespace Cantus.Music.Datasets;

/// <summary>
/// Builds the exception for malformed dataset content. <see cref="InvalidDataException"/> is
/// sealed, so there is no dataset subclass: the exception is an <see cref="InvalidDataException"/>
/// whose message names the source and, where known, the split, piece, step and byte offset, e.g.
/// <c>Jsb16thSeparated.json: train piece 12 step 40: alto: pitch 130 is outside -1..127 (byte 5321)</c>.
/// The same parts are in <see cref="Exception.Data"/> under the keys below, for callers that
/// want them without parsing the message.
/// </summary>
internal static class DatasetErrors
{
    public const string ProblemKey = "Problem";
    public const string SourceKey = "Source";
    public const string SplitKey = "Split";
    public const string PieceKey = "Piece";
    public const string StepKey = "Step";
    public const string ByteOffsetKey = "ByteOffset";

    public static InvalidDataException Create(string problem, string? sourceName = null, string? split = null,
        int? piece = null, int? step = null, long? byteOffset = null, Exception? inner = null)
    {
        var ex = new InvalidDataException(Compose(problem, sourceName, split, piece, step, byteOffset), inner);
        ex.Data[ProblemKey] = problem;
        if (sourceName is not null) ex.Data[SourceKey] = sourceName;
        if (split is not null) ex.Data[SplitKey] = split;
        if (piece is not null) ex.Data[PieceKey] = piece.Value;
        if (step is not null) ex.Data[StepKey] = step.Value;
        if (byteOffset is not null) ex.Data[ByteOffsetKey] = byteOffset.Value;
        return ex;
    }

    private static string Compose(string problem, string? sourceName, string? split, int? piece, int? step, long? byteOffset)
    {
        var sb = new StringBuilder();
        if (sourceName is not null) sb.Append(sourceName).Append(": ");
        var where = new List<string>(3);
        if (split is not null) where.Add(split);
        if (piece is not null) where.Add(string.Create(CultureInfo.InvariantCulture, $"piece {piece}"));
        if (step is not null) where.Add(string.Create(CultureInfo.InvariantCulture, $"step {step}"));
        if (where.Count > 0) sb.AppendJoin(' ', where).Append(": ");
        sb.Append(problem);
        if (byteOffset is not null) sb.Append(CultureInfo.InvariantCulture, $" (byte {byteOffset})");
        return sb.ToString();
    }
}
