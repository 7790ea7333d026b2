using System.Text;
using System.Xml.Linq;
using Cantus.Service.Accounts;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Cantus.Web.KeyRing;

/// <summary>
/// Encrypts the secret part of each data-protection key (the element the key manager marks as
/// needing encryption, holding the master key) with <see cref="KeyRingCipher"/> before it is
/// stored, as <c>&lt;sealed xmlns="urn:cantus:key-ring"&gt;base64&lt;/sealed&gt;</c>; the key manager
/// records <see cref="SealedXmlDecryptor"/> as the type that reads it back.
/// </summary>
internal sealed class SealedXmlEncryptor(KeyRingCipher cipher) : IXmlEncryptor
{
    /// <summary>The namespace of the sealed element.</summary>
    public static readonly XNamespace Namespace = "urn:cantus:key-ring";

    /// <summary>The name of the sealed element.</summary>
    public static readonly XName Sealed = Namespace + "sealed";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        try
        {
            var element = new XElement(Sealed,
                new XAttribute("algorithm", "AES-256-GCM, key by HKDF-SHA256 from Cantus:KeyRingSecret"),
                Convert.ToBase64String(cipher.Seal(plaintext)));
            return new EncryptedXmlInfo(element, typeof(SealedXmlDecryptor));
        }
        finally
        {
            Array.Clear(plaintext);
        }
    }
}
