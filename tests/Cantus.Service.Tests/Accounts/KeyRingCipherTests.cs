using System.Security.Cryptography;
using System.Text;
using Cantus.Service.Accounts;

namespace Cantus.Service.Tests.Accounts;

/// <summary>The key-ring cipher: AES-256-GCM under an HKDF key; a round trip, fresh randomness per message, and clear refusals.</summary>
public sealed class KeyRingCipherTests
{
    private const string Secret = "0123456789abcdefghijklmnopqrstuvwxyz-secret";
    private static readonly byte[] Plaintext = Encoding.UTF8.GetBytes("<masterKey><value>c2VjcmV0IGtleSBtYXRlcmlhbA==</value></masterKey>");

    [Fact]
    public void SealedThenOpened_GivesThePlaintext_AndNoPlaintextInBetween()
    {
        var cipher = new KeyRingCipher(Secret);
        var sealedMessage = cipher.Seal(Plaintext);
        Assert.Equal(Plaintext, new KeyRingCipher(Secret).Open(sealedMessage));
        Assert.Equal(1 + 16 + 12 + 16 + Plaintext.Length, sealedMessage.Length);
        Assert.Equal(-1, sealedMessage.AsSpan().IndexOf("masterKey"u8));
        Assert.Equal(-1, sealedMessage.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Secret)));
    }

    [Fact]
    public void EveryMessage_HasItsOwnSaltAndNonce()
    {
        var cipher = new KeyRingCipher(Secret);
        var a = cipher.Seal(Plaintext);
        var b = cipher.Seal(Plaintext);
        Assert.NotEqual(a.AsSpan(1, 28).ToArray(), b.AsSpan(1, 28).ToArray());
        Assert.NotEqual(a.AsSpan(29).ToArray(), b.AsSpan(29).ToArray());
    }

    [Fact]
    public void AnotherSecret_IsAClearCryptographicError()
    {
        var sealedMessage = new KeyRingCipher(Secret).Seal(Plaintext);
        var refused = Assert.Throws<CryptographicException>(() => new KeyRingCipher(Secret + "!").Open(sealedMessage));
        Assert.Contains("another secret", refused.Message, StringComparison.Ordinal);
        Assert.IsType<AuthenticationTagMismatchException>(refused.InnerException);
    }

    [Fact]
    public void AnyAlteredByte_IsRefused()
    {
        var cipher = new KeyRingCipher(Secret);
        var sealedMessage = cipher.Seal(Plaintext);
        for (var i = 1; i < sealedMessage.Length; i += 7)
        {
            var altered = (byte[])sealedMessage.Clone();
            altered[i] ^= 0x20;
            Assert.Throws<CryptographicException>(() => cipher.Open(altered));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(44)]
    public void AWrongVersionOrATruncatedMessage_IsRefused(int length)
    {
        var cipher = new KeyRingCipher(Secret);
        var sealedMessage = cipher.Seal(Plaintext);
        var wrongVersion = (byte[])sealedMessage.Clone();
        wrongVersion[0] = 2;
        Assert.Throws<CryptographicException>(() => cipher.Open(wrongVersion));
        Assert.Throws<CryptographicException>(() => cipher.Open(sealedMessage.AsSpan(0, length)));
    }

    [Fact]
    public void AShortSecret_IsRefused()
    {
        var refused = Assert.Throws<ArgumentException>(() => new KeyRingCipher(new string('x', KeyRingCipher.MinSecretLength - 1)));
        Assert.Contains("32 characters", refused.Message, StringComparison.Ordinal);
        _ = new KeyRingCipher(new string('x', KeyRingCipher.MinSecretLength));
    }
}
