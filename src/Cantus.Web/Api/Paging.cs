using Cantus.Service.Errors;
using Cantus.Service.Storage;

namespace Cantus.Web.Api;

/// <summary>The <c>limit</c> and <c>offset</c> query parameters of list endpoints.</summary>
internal static class Paging
{
    /// <summary>The page <paramref name="limit"/> (1..1000) and <paramref name="offset"/> (≥ 0) ask for.</summary>
    public static Page Of(int limit, int offset)
    {
        if (limit is < 1 or > Page.MaxLimit) throw CantusException.Invalid($"The limit must be 1..{Page.MaxLimit}, not {limit}.", "limit");
        if (offset < 0) throw CantusException.Invalid($"The offset must be 0 or more, not {offset}.", "offset");
        return new Page(offset, limit);
    }
}
