using Cantus.Service.Composing;
using Cantus.Service.Compositions;
using Cantus.Service.Errors;
using Cantus.Service.Melodies;
using Cantus.Service.Storage;
using Cantus.Service.Storage.Accounts;
using Cantus.Web.Hosting;
using Cantus.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cantus.Web.Api;

/// <summary>
/// <c>/api/compositions</c>: compose (a MIDI melody in, the accompaniment out, kept), list, get,
/// delete, revise (an edited MIDI replaces the result), the files (MIDI, WAV, PNG), and share links; <c>/api/shared/{token}</c> plays and shows a
/// shared composition without login.
/// </summary>
public static class CompositionsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapCompositionsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = app.ServiceProvider.GetRequiredService<CantusWebSettings>();
        var group = app.MapGroup("/api/compositions").WithTags("Compositions");
        group.MapPost("/", Compose).WithName("Compose").DisableAntiforgery().Accepts<IFormFile>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(settings.MaxMidiBytes + (64 << 10)))
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", List).WithName("ListCompositions");
        group.MapGet("/{id}", Get).WithName("GetComposition").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", Delete).WithName("DeleteComposition").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/{file:regex(^(midi|wav|png)$)}", File).WithName("GetCompositionFile")
            .Produces(StatusCodes.Status200OK, contentType: "audio/midi").Produces(StatusCodes.Status200OK, contentType: "audio/wav").Produces(StatusCodes.Status200OK, contentType: "image/png");
        group.MapPut("/{id}/midi", Revise).WithName("ReviseComposition").DisableAntiforgery().Accepts<IFormFile>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(settings.MaxMidiBytes + (64 << 10)))
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id}/share", Share).WithName("ShareComposition");
        group.MapDelete("/{id}/share", Unshare).WithName("UnshareComposition");
        var shared = app.MapGroup("/api/shared").WithTags("Shared compositions").AllowAnonymous();
        shared.MapGet("/{token}", GetShared).WithName("GetSharedComposition");
        shared.MapGet("/{token}/{file:regex(^(midi|wav|png)$)}", SharedFile).WithName("GetSharedCompositionFile");
        return app;
    }

    /// <summary>
    /// Composes the accompaniment of the MIDI file in the form field <c>melody</c> (read leniently;
    /// repairs are returned) with optional <c>model</c>, <c>seed</c>, <c>candidates</c>,
    /// <c>programs</c>, <c>threshold</c>, <c>keyPenalty</c>, <c>melodyTrack</c>; keeps it and returns it.
    /// </summary>
    public static async Task<Created<CompositionDto>> Compose(CurrentUser user, HttpRequest request, CompositionLibrary compositions, MelodyLibrary melodies, CantusWebSettings settings,
        CancellationToken cancellationToken)
    {
        var limits = new ComposeLimits { MaxMelodyBytes = settings.MaxMidiBytes, MaxWindows = settings.MaxMelodyWindows };
        var owner = user.Id;
        var (compose, melodyId) = await ComposeForm.ReadAsync(request, limits, async id =>
            (await melodies.MidiAsync(owner, id, cancellationToken).ConfigureAwait(false), (await melodies.GetAsync(owner, id, cancellationToken).ConfigureAwait(false)).Name),
            cancellationToken).ConfigureAwait(false);
        var view = await compositions.CreateAsync(owner, compose, cancellationToken, melodyId).ConfigureAwait(false);
        return TypedResults.Created($"/api/compositions/{view.Id}", CompositionDto.Of(view));
    }

    /// <summary>The compositions, newest first (<c>limit</c> up to 1000, <c>offset</c>).</summary>
    public static async Task<Ok<List<CompositionDto>>> List(CurrentUser user, CompositionLibrary compositions, CancellationToken cancellationToken, int limit = 100, int offset = 0)
    {
        var views = await compositions.ListAsync(user.Id, Paging.Of(limit, offset), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(views.Select(CompositionDto.Of).ToList());
    }

    /// <summary>One composition.</summary>
    public static async Task<Ok<CompositionDto>> Get(CurrentUser user, string id, CompositionLibrary compositions, CancellationToken cancellationToken) =>
        TypedResults.Ok(CompositionDto.Of(await compositions.GetAsync(user.Id, id, cancellationToken).ConfigureAwait(false)));

    /// <summary>Deletes a composition and its share link.</summary>
    public static async Task<NoContent> Delete(CurrentUser user, string id, CompositionLibrary compositions, CancellationToken cancellationToken)
    {
        await compositions.DeleteAsync(user.Id, id, cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    /// <summary>A file of the composition: <c>midi</c> (audio/midi), <c>wav</c> (audio/wav), <c>png</c> (image/png).</summary>
    public static async Task<FileStreamHttpResult> File(CurrentUser user, string id, string file, CompositionLibrary compositions, CancellationToken cancellationToken)
    {
        var kind = Kind(file);
        return Result(await compositions.OpenAsync(user.Id, id, kind, cancellationToken).ConfigureAwait(false), kind, id);
    }

    /// <summary>
    /// Revises the composition: the edited MIDI file in the form field <c>midi</c> (read leniently and
    /// checked as melody uploads are) becomes its result. Its old WAV and PNG are dropped (rendered
    /// again from the new MIDI), <c>revisedAt</c> is set, and its share link serves the new version.
    /// </summary>
    public static async Task<Ok<CompositionDto>> Revise(CurrentUser user, string id, HttpRequest request, CompositionLibrary compositions, CantusWebSettings settings,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(compositions);
        ArgumentNullException.ThrowIfNull(settings);
        var form = await UploadForm.ReadAsync(request, "the edited MIDI file in the field 'midi'", "midi", cancellationToken).ConfigureAwait(false);
        var file = form.Files.GetFile("midi") ?? throw CantusException.Invalid("Send the edited MIDI file in the form field 'midi'.", "midi");
        var bytes = await UploadForm.BytesAsync(file, settings.MaxMidiBytes, "midi", "MIDI file", cancellationToken).ConfigureAwait(false);
        // As long as the longest melody accepted for composing (MaxMelodyWindows two-bar windows).
        var view = await compositions.ReviseAsync(user.Id, id, bytes, settings.MaxMidiBytes, settings.MaxMelodyWindows * 32, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(CompositionDto.Of(view));
    }

    /// <summary>Creates the share link (the same one while it exists).</summary>
    public static async Task<Ok<ShareDto>> Share(CurrentUser user, string id, CompositionLibrary compositions, CancellationToken cancellationToken)
    {
        var token = await compositions.ShareAsync(user.Id, id, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new ShareDto(token, $"/api/shared/{token}"));
    }

    /// <summary>Revokes the share link: it never works again.</summary>
    public static async Task<NoContent> Unshare(CurrentUser user, string id, CompositionLibrary compositions, CancellationToken cancellationToken)
    {
        await compositions.UnshareAsync(user.Id, id, cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    /// <summary>A shared composition, without login.</summary>
    public static async Task<Ok<CompositionDto>> GetShared(string token, CompositionLibrary compositions, CancellationToken cancellationToken) =>
        TypedResults.Ok(CompositionDto.OfShared(await compositions.GetSharedAsync(token, cancellationToken).ConfigureAwait(false), token));

    /// <summary>A file of a shared composition, without login.</summary>
    public static async Task<FileStreamHttpResult> SharedFile(string token, string file, CompositionLibrary compositions, CancellationToken cancellationToken)
    {
        var kind = Kind(file);
        return Result(await compositions.OpenSharedAsync(token, kind, cancellationToken).ConfigureAwait(false), kind, "shared");
    }


    private static CompositionFile Kind(string file) => file switch
    {
        "midi" => CompositionFile.Midi,
        "wav" => CompositionFile.Wav,
        _ => CompositionFile.Png,
    };

    private static FileStreamHttpResult Result(Stream stream, CompositionFile kind, string name) => kind switch
    {
        CompositionFile.Midi => TypedResults.Stream(stream, "audio/midi", $"{name}.mid"),
        CompositionFile.Wav => TypedResults.Stream(stream, "audio/wav", $"{name}.wav"),
        _ => TypedResults.Stream(stream, "image/png", $"{name}.png"),
    };
}

/// <summary>A share link.</summary>
/// <param name="Token">The unguessable token.</param>
/// <param name="Url">The link (relative to the server).</param>
public sealed record ShareDto(string Token, string Url);
