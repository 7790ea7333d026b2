using Cantus.Service.Melodies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cantus.Web.Api;

/// <summary>
/// <c>/api/sample-melodies</c>: the melodies shipped with Cantus (<c>samples/melodies</c>, or the
/// <c>Cantus:SampleMelodies</c> folder) to try the console with, and their MIDI files. Without login.
/// </summary>
public static class SampleMelodiesApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapSampleMelodiesApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/sample-melodies").WithTags("Melodies").AllowAnonymous();
        group.MapGet("/", List).WithName("ListSampleMelodies");
        group.MapGet("/{name}/midi", Midi).WithName("GetSampleMelodyMidi")
            .Produces(StatusCodes.Status200OK, contentType: "audio/midi").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>The sample melodies by name: title, length in bars, notes, duration in seconds.</summary>
    public static Ok<IReadOnlyList<SampleMelody>> List(SampleMelodies samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        return TypedResults.Ok(samples.List());
    }

    /// <summary>A sample melody's MIDI file; the name is one of the listing's (404 otherwise).</summary>
    public static async Task<FileContentHttpResult> Midi(string name, SampleMelodies samples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var bytes = await samples.MidiAsync(name, cancellationToken).ConfigureAwait(false);
        return TypedResults.File(bytes, "audio/midi", $"{name}.mid");
    }
}
