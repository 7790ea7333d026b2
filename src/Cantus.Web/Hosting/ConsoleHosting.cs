using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Cantus.Web.Hosting;

/// <summary>
/// Serves the web console (web/dist, copied beside the server as <c>console/</c> by the build):
/// hashed assets cached for a year, pre-compressed copies (.br, .gz) when the browser takes them,
/// and <c>index.html</c> for every other page address so that the console's own router decides.
/// Addresses under <c>/api</c> and <c>/openapi</c> stay the API's (a 404 there is problem+json).
/// </summary>
public static class ConsoleHosting
{
    /// <summary>The folder the console is served from: <c>console/</c> beside the server.</summary>
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "console");

    /// <summary>
    /// Serves the console's files (before sign-in is asked for: the sign-in page is one of them).
    /// Call before the authentication middleware; <see cref="MapConsolePages"/> maps the pages.
    /// </summary>
    public static WebApplication UseConsoleFiles(this WebApplication app, string? directory = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var root = directory ?? Directory;
        if (!File.Exists(Path.Combine(root, "index.html"))) return app;
        var files = new PhysicalFileProvider(root);
        app.Use(PreCompressed(files));
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = ContentTypes(),
            OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = CacheControlFor(c.Context.Request.Path),
        });
        return app;
    }

    /// <summary>Answers every page address with the console's page (open to all: the console signs in itself); a page saying how to build it when it was not built.</summary>
    public static WebApplication MapConsolePages(this WebApplication app, string? directory = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var index = Path.Combine(directory ?? Directory, "index.html");
        RequestDelegate page = File.Exists(index)
            ? async context =>
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                context.Response.Headers.CacheControl = "no-cache";
                await context.Response.SendFileAsync(index, context.RequestAborted).ConfigureAwait(false);
            }
            : NotBuilt;
        foreach (var pattern in PagePatterns) app.MapFallback(pattern, page).AllowAnonymous().WithMetadata(PageMethods);
        return app;
    }

    /// <summary>Page addresses: anything but a file name and the API's own paths (whose 404, 405 and 415 stay the API's).</summary>
    private static readonly string[] PagePatterns = ["/", "/{*path:nonfile:regex(^(?!(api|openapi)(/|$)).*$)}"];

    private static readonly HttpMethodMetadata PageMethods = new([HttpMethods.Get, HttpMethods.Head]);

    private static string CacheControlFor(PathString path) =>
        path.StartsWithSegments("/assets") ? "public, max-age=31536000, immutable" : "no-cache";

    private static FileExtensionContentTypeProvider ContentTypes()
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".mjs"] = "text/javascript";
        return types;
    }

    /// <summary>Serves <c>x.js.br</c> or <c>x.js.gz</c> for <c>x.js</c> when present and accepted (the build writes them).</summary>
    private static Func<HttpContext, RequestDelegate, Task> PreCompressed(IFileProvider files) => async (context, next) =>
    {
        var path = context.Request.Path.Value;
        if (HttpMethods.IsGet(context.Request.Method) && path is not null && path.StartsWith("/assets/", StringComparison.Ordinal))
        {
            var accept = context.Request.Headers.AcceptEncoding.ToString();
            foreach (var (encoding, extension) in new[] { ("br", ".br"), ("gzip", ".gz") })
            {
                if (!accept.Contains(encoding, StringComparison.OrdinalIgnoreCase)) continue;
                var file = files.GetFileInfo(path + extension);
                if (!file.Exists || file.PhysicalPath is null) continue;
                ContentTypes().TryGetContentType(path, out var type);
                context.Response.ContentType = type ?? "application/octet-stream";
                context.Response.Headers.ContentEncoding = encoding;
                context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
                context.Response.Headers.CacheControl = CacheControlFor(context.Request.Path);
                context.Response.ContentLength = file.Length;
                await context.Response.SendFileAsync(file.PhysicalPath, context.RequestAborted).ConfigureAwait(false);
                return;
            }
        }

        await next(context).ConfigureAwait(false);
    };

    private static async Task NotBuilt(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            "<!doctype html><title>Cantus</title><h1>The Cantus console was not built</h1>" +
            "<p>This server was built without its web console. Install Node.js 20 or newer with npm (Debian: <code>apt-get install nodejs npm</code>), then build again (<code>./cantus serve</code> does it).</p>" +
            "<p>The API works without it: see <a href=\"/api/reference\">/api/reference</a>.</p>", context.RequestAborted).ConfigureAwait(false);
    }
}
