using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Cantus.Service.Storage;

/// <summary>Random identifiers and secrets for stored rows.</summary>
public static class StoreIds
{
    /// <summary>Crockford's base32 alphabet in lower case (no i, l, o, u).</summary>
    public const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    /// <summary>The length of an id made by <see cref="New"/>.</summary>
    public const int Length = 16;

    /// <summary>A new row id: 16 characters of lowercase Crockford base32 (80 random bits).</summary>
    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>True when <paramref name="id"/> has the shape of an id made by <see cref="New"/>.</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: Length } && id.AsSpan().IndexOfAnyExcept(Alphabet) < 0;

    /// <summary>A new secret token: 32 random bytes, base64url without padding (43 characters).</summary>
    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The SHA-256 of a token's UTF-8 bytes in lowercase hex: what the store keeps instead of the token.</summary>
    public static string HashToken(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }
}
