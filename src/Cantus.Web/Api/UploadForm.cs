using Cantus.Service.Errors;
using Microsoft.AspNetCore.Http;

namespace Cantus.Web.Api;

/// <summary>Reads the multipart forms of the upload endpoints: the form itself, and a file within its limit.</summary>
internal static class UploadForm
{
    /// <summary>The request's form; a request that is not <c>multipart/form-data</c> is refused naming the <paramref name="fields"/> expected.</summary>
    public static async Task<IFormCollection> ReadAsync(HttpRequest request, string fields, string field, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasFormContentType) throw CantusException.Invalid($"Send a multipart/form-data form with {fields}.", field);
        return await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Refuses <paramref name="file"/> when it is larger than <paramref name="maxBytes"/>.</summary>
    public static void CheckSize(IFormFile file, long maxBytes, string field, string what)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Length > maxBytes) throw CantusException.TooLarge($"The {what} is {file.Length} bytes; the limit is {maxBytes} bytes.", field);
    }

    /// <summary>The bytes of <paramref name="file"/>, refused when larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]> BytesAsync(IFormFile file, long maxBytes, string field, string what, CancellationToken cancellationToken)
    {
        CheckSize(file, maxBytes, field, what);
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
