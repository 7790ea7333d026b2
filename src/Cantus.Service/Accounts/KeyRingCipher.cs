using System.Security.Cryptography;
using System.Text;

namespace Cantus.Service.Accounts;

/// <summary>
/// Encrypts the web nodes' key ring before it is stored: AES-256-GCM (NIST SP 800-38D) under a
/// key derived from the key-ring secret by HKDF-SHA256 (RFC 5869) with a fresh 16-byte salt per
/// message, so no two messages share a key and a 12-byte random nonce is never reused under one.
/// A sealed message is <c>version (1) ‖ salt (16) ‖ nonce (12) ‖ tag (16) ‖ ciphertext</c>. The
/// secret itself is never stored or logged; a wrong secret or an altered message fails the tag check.
/// </summary>
public sealed class KeyRingCipher
{
    /// <summary>The fewest characters a key-ring secret may have (e.g. <c>openssl rand -base64 32</c> gives 44).</summary>
    public const int MinSecretLength = 32;

    private const byte Version = 1;
    private const int SaltBytes = 16;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int HeaderBytes = 1 + SaltBytes + NonceBytes + TagBytes;
    private static readonly byte[] Info = "Cantus key ring v1"u8.ToArray();
    private readonly byte[] _secret;

    /// <summary>A cipher for <paramref name="secret"/>.</summary>
    /// <exception cref="ArgumentException">The secret is shorter than <see cref="MinSecretLength"/> characters.</exception>
    public KeyRingCipher(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Trim().Length < MinSecretLength)
            throw new ArgumentException($"A key-ring secret is at least {MinSecretLength} characters (e.g. the output of 'openssl rand -base64 32').", nameof(secret));
        _secret = Encoding.UTF8.GetBytes(secret.Trim());
    }

    /// <summary>The sealed form of <paramref name="plaintext"/>.</summary>
    public byte[] Seal(ReadOnlySpan<byte> plaintext)
    {
        var message = new byte[HeaderBytes + plaintext.Length];
        message[0] = Version;
        var salt = message.AsSpan(1, SaltBytes);
        var nonce = message.AsSpan(1 + SaltBytes, NonceBytes);
        var tag = message.AsSpan(1 + SaltBytes + NonceBytes, TagBytes);
        RandomNumberGenerator.Fill(salt);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(DeriveKey(salt), TagBytes);
        aes.Encrypt(nonce, plaintext, message.AsSpan(HeaderBytes), tag, message.AsSpan(0, 1));
        return message;
    }

    /// <summary>The plaintext of a message made by <see cref="Seal"/> with the same secret.</summary>
    /// <exception cref="CryptographicException">The message was sealed with another secret, was altered, or is not a sealed message.</exception>
    public byte[] Open(ReadOnlySpan<byte> message)
    {
        if (message.Length < HeaderBytes || message[0] != Version)
            throw new CryptographicException($"This is not a key-ring element sealed by Cantus (version {Version}).");
        var plaintext = new byte[message.Length - HeaderBytes];
        try
        {
            using var aes = new AesGcm(DeriveKey(message.Slice(1, SaltBytes)), TagBytes);
            aes.Decrypt(message.Slice(1 + SaltBytes, NonceBytes), message[HeaderBytes..], message.Slice(1 + SaltBytes + NonceBytes, TagBytes), plaintext, message[..1]);
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new CryptographicException("A key of the key ring could not be decrypted with this key-ring secret: it was encrypted with another secret, or altered.", ex);
        }
        return plaintext;
    }

    private byte[] DeriveKey(ReadOnlySpan<byte> salt)
    {
        var key = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _secret, key, salt, Info);
        return key;
    }
}
