using Cantus.Service.Audio;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Cantus.Web.Api;

/// <summary>
/// <c>/api/soundfont</c>: the SoundFont the server renders WAVs with, so that the console plays
/// compositions in the browser as the WAVs sound (cacheable, range requests); <c>/api/soundfont/info</c>
/// says which one it is. Without login, like <c>/api/health</c>: shared pages play too.
/// </summary>
public static class SoundFontApi
{
    /// <summary>How long browsers and proxies may keep the file without asking again (a day).</summary>
    public const string CacheControl = "public, max-age=86400";

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapSoundFontApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/soundfont").WithTags("Audio").AllowAnonymous();
        group.MapGet("/", GetSoundFont).WithName("GetSoundFont")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").Produces(StatusCodes.Status206PartialContent, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/info", GetSoundFontInfo).WithName("GetSoundFontInfo").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>
    /// The SoundFont file (SF2) the server renders with, with <c>ETag</c>, <c>Last-Modified</c> and
    /// <c>Cache-Control: public, max-age=86400</c>; <c>Range</c> and conditional requests are
    /// answered (206, 304). 404 when the server has no file and uses its built-in bank: the
    /// sentence says how to install one.
    /// </summary>
    public static PhysicalFileHttpResult GetSoundFont(SoundFontSource soundFonts, HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(soundFonts);
        ArgumentNullException.ThrowIfNull(response);
        var file = soundFonts.File();
        response.Headers.CacheControl = CacheControl;
        return TypedResults.PhysicalFile(file.Path, "application/octet-stream", file.Name, file.LastModified, EntityTagHeaderValue.Parse(file.ETag),
            enableRangeProcessing: true);
    }

    /// <summary>Which SoundFont the server renders with: its file name, size and where it was found (configured, environment, system or built-in).</summary>
    public static Ok<SoundFontInfo> GetSoundFontInfo(SoundFontSource soundFonts)
    {
        ArgumentNullException.ThrowIfNull(soundFonts);
        return TypedResults.Ok(soundFonts.Info());
    }
}
