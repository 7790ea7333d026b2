using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Cantus.Service.Accounts;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Cantus.Web.KeyRing;

/// <summary>
/// Reads back what <see cref="SealedXmlEncryptor"/> wrote, with this node's key-ring secret. The
/// key manager makes it by its type name with the node's services. A key sealed under another
/// secret is a <see cref="CryptographicException"/> that says so (the key manager logs it and
/// leaves that key unused; a node starting with the wrong secret is refused before, by
/// <see cref="KeyRingSetup"/>).
/// </summary>
public sealed class SealedXmlDecryptor : IXmlDecryptor
{
    private readonly KeyRingCipher _cipher;

    /// <summary>A decryptor with the cipher among <paramref name="services"/> (the key manager's way of making one).</summary>
    public SealedXmlDecryptor(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _cipher = services.GetRequiredService<KeyRingCipher>();
    }

    /// <inheritdoc/>
    /// <exception cref="CryptographicException">The element was sealed under another secret, altered, or is not a sealed element.</exception>
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        if (encryptedElement.Name != SealedXmlEncryptor.Sealed)
            throw new CryptographicException($"Expected a <sealed> element of {SealedXmlEncryptor.Namespace}, not <{encryptedElement.Name.LocalName}>.");
        byte[] message;
        try
        {
            message = Convert.FromBase64String(encryptedElement.Value);
        }
        catch (FormatException ex)
        {
            throw new CryptographicException("A sealed key-ring element is not base64.", ex);
        }
        var plaintext = _cipher.Open(message);
        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            Array.Clear(plaintext);
        }
    }
}
