using Cantus.Service.Errors;
using Cantus.Service.Melodies;
using Cantus.Service.Storage;
using Cantus.Service.Storage.Library;
using Cantus.Web.Auth;
using Cantus.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cantus.Web.Api;

/// <summary>
/// <c>/api/melodies</c>: keep a melody (uploaded or recorded; read leniently, the repairs returned),
/// list, get, its MIDI, delete; <c>POST /api/compositions</c> with <c>melodyId</c> accompanies a stored one.
/// </summary>
public static class MelodiesApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapMelodiesApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = app.ServiceProvider.GetRequiredService<CantusWebSettings>();
        var group = app.MapGroup("/api/melodies").WithTags("Melodies");
        group.MapPost("/", Upload).WithName("UploadMelody").DisableAntiforgery().Accepts<IFormFile>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(settings.MaxMidiBytes + (64 << 10)))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", List).WithName("ListMelodies");
        group.MapGet("/{id}", Get).WithName("GetMelody").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/midi", Midi).WithName("GetMelodyMidi").Produces(StatusCodes.Status200OK, contentType: "audio/midi");
        group.MapDelete("/{id}", Delete).WithName("DeleteMelody").ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>Keeps a melody: the MIDI file in <c>melody</c>, and <c>source</c> (upload or recorded; default upload).</summary>
    public static async Task<Created<MelodyView>> Upload(HttpRequest request, CurrentUser user, MelodyLibrary melodies, CantusWebSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var form = await UploadForm.ReadAsync(request, "the MIDI file in the field 'melody'", "melody", cancellationToken).ConfigureAwait(false);
        var file = form.Files.GetFile("melody") ?? throw CantusException.Invalid("Send the melody's MIDI file in the form field 'melody'.", "melody");
        var bytes = await UploadForm.BytesAsync(file, settings.MaxMidiBytes, "melody", "melody file", cancellationToken).ConfigureAwait(false);
        var source = form["source"].ToString() is { Length: > 0 } s ? s : MelodySources.Upload;
        var melody = await melodies.UploadAsync(user.Id, Path.GetFileName(file.FileName), bytes, source, settings.MaxMidiBytes, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/melodies/{melody.Id}", melody);
    }

    /// <summary>Your melodies, newest first.</summary>
    public static async Task<Ok<IReadOnlyList<MelodyView>>> List(CurrentUser user, MelodyLibrary melodies, CancellationToken cancellationToken, int limit = 100, int offset = 0)
    {
        return TypedResults.Ok(await melodies.ListAsync(user.Id, Paging.Of(limit, offset), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>One melody.</summary>
    public static async Task<Ok<MelodyView>> Get(string id, CurrentUser user, MelodyLibrary melodies, CancellationToken cancellationToken) =>
        TypedResults.Ok(await melodies.GetAsync(user.Id, id, cancellationToken).ConfigureAwait(false));

    /// <summary>The melody's MIDI file as it was uploaded.</summary>
    public static async Task<FileContentHttpResult> Midi(string id, CurrentUser user, MelodyLibrary melodies, CancellationToken cancellationToken) =>
        TypedResults.File(await melodies.MidiAsync(user.Id, id, cancellationToken).ConfigureAwait(false), "audio/midi", $"{id}.mid");

    /// <summary>Deletes a melody; refused (409) while compositions use it.</summary>
    public static async Task<NoContent> Delete(string id, CurrentUser user, MelodyLibrary melodies, CancellationToken cancellationToken)
    {
        await melodies.DeleteAsync(user.Id, id, cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }
}
