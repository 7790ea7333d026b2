using System.Globalization;
using Cantus.Service;
using Cantus.Service.Composing;
using Cantus.Service.Errors;
using Cantus.Service.Models;
using Microsoft.AspNetCore.Http;

namespace Cantus.Web.Api;

/// <summary>Reads the form of <c>POST /api/compositions</c> into a <see cref="ComposeRequest"/>, naming the field at fault.</summary>
internal static class ComposeForm
{
    /// <summary>The request, and the id of a stored melody when the form names one (<c>melodyId</c>) instead of sending a file.</summary>
    public static async Task<(ComposeRequest Request, string? MelodyId)> ReadAsync(HttpRequest request, ComposeLimits limits, Func<string, Task<(byte[] Midi, string Name)>> storedMelody,
        CancellationToken cancellationToken)
    {
        var form = await UploadForm.ReadAsync(request, "the MIDI file in the field 'melody' (or a stored melody's id in 'melodyId')", "melody", cancellationToken).ConfigureAwait(false);
        var file = form.Files.GetFile("melody");
        var melodyId = form.TryGetValue("melodyId", out var mid) && !string.IsNullOrWhiteSpace(mid.ToString()) ? mid.ToString().Trim() : null;
        if (file is null && melodyId is null) throw CantusException.Invalid("Send the melody's MIDI file in the form field 'melody', or a stored melody's id in 'melodyId'.", "melody");
        if (file is not null && melodyId is not null) throw CantusException.Invalid("Send either a melody file or a stored melody's id, not both.", "melodyId");
        byte[] bytes;
        string fileName;
        if (file is null)
        {
            (bytes, fileName) = await storedMelody(melodyId!).ConfigureAwait(false);
        }
        else
        {
            bytes = await UploadForm.BytesAsync(file, limits.MaxMelodyBytes, "melody", "melody file", cancellationToken).ConfigureAwait(false);
            fileName = file.FileName;
        }
        string? Text(string name) => form.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        var model = Text("model");
        return (new ComposeRequest
        {
            Melody = bytes,
            MelodyName = Path.GetFileName(fileName) is { Length: > 0 and <= 200 } n ? n : "melody.mid",
            Lenient = true,
            Model = model is null ? null : ModelRef.Named(model),
            Seed = Number(Text("seed"), "seed", ulong.TryParse, 0UL),
            Candidates = Number(Text("candidates"), "candidates", int.TryParse, 1),
            Programs = OptionValues.Programs(Text("programs")),
            Threshold = Text("threshold") is { } t ? Number<float>(t, "threshold", float.TryParse, 0) : null,
            KeyPenalty = Text("keyPenalty") is { } k ? Number<float>(k, "keyPenalty", float.TryParse, 0) : null,
            MelodyTrack = Text("melodyTrack"),
            Limits = limits,
        }, melodyId);
    }

    private delegate bool TryParse<T>(string? text, NumberStyles style, IFormatProvider? provider, out T value);

    private static T Number<T>(string? text, string field, TryParse<T> parse, T fallback)
    {
        if (text is null) return fallback;
        var style = typeof(T) == typeof(float) ? NumberStyles.Float : NumberStyles.Integer;
        return parse(text, style, CultureInfo.InvariantCulture, out var value) && (value is not float f || float.IsFinite(f))
            ? value
            : throw CantusException.Invalid($"The field '{field}' must be a number, not '{text}'.", field);
    }
}
