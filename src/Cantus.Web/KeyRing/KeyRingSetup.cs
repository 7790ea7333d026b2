using System.Security.Cryptography;
using System.Xml;
using System.Xml.Linq;
using Cantus.Service.Accounts;
using Cantus.Service.Errors;
using Cantus.Service.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cantus.Web.KeyRing;

/// <summary>
/// ASP.NET Core data protection (sign-in cookies, anti-forgery tokens) with one key ring for every
/// web node of the database: the keys are kept in the store (table <c>data_protection_keys</c>),
/// each key's secret part sealed by <see cref="KeyRingCipher"/> under the key-ring secret
/// (<see cref="KeyRingSecret"/>), and the application name is fixed, so that a payload one node
/// protects, any other unprotects, whatever its working directory. Without a secret (a node
/// without accounts, and no setting) the keys live in memory only: nothing such a node serves uses them.
/// </summary>
public static class KeyRingSetup
{
    /// <summary>The application name every node protects under (ASP.NET's default is the content root, which differs between nodes).</summary>
    public const string ApplicationName = "cantus";

    /// <summary>Registers data protection over the store, sealing keys with <paramref name="secret"/>; in memory when it is null.</summary>
    public static void AddCantusKeyRing(this IServiceCollection services, string? secret)
    {
        ArgumentNullException.ThrowIfNull(services);
        var protection = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (secret is null)
        {
            protection.UseEphemeralDataProtectionProvider();
            return;
        }
        var cipher = new KeyRingCipher(secret);
        services.AddSingleton(cipher);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            o.XmlRepository = new StoreXmlRepository(sp.GetRequiredService<CantusStore>);
            o.XmlEncryptor = new SealedXmlEncryptor(cipher);
        }));
    }

    /// <summary>
    /// At start, before serving: refuses to go on when a stored key cannot be opened with this
    /// node's secret (a node given another secret than the rest of the cluster would otherwise make
    /// keys of its own that no other node can read), then loads the key ring, making its first key
    /// when there is none, under the store's key-ring lock, so that of several nodes starting
    /// together on a new database one makes it and the others read it.
    /// </summary>
    /// <exception cref="CantusException">InvalidOptions: a stored key was sealed under another secret, or is damaged.</exception>
    public static void PrepareKeyRing(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.GetService<KeyRingCipher>() is not { } cipher) return;
        var store = services.GetRequiredService<CantusStore>();
        foreach (var element in store.KeyRing.ListAsync().GetAwaiter().GetResult()) Check(cipher, element, store.Database.Description);
        var keyRingLock = store.KeyRing.LockAsync().GetAwaiter().GetResult();
        try
        {
            services.GetDataProtector("Cantus.KeyRing.Start").Protect([1]);
        }
        finally
        {
            keyRingLock.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static void Check(KeyRingCipher cipher, Service.Storage.Accounts.KeyRingElement element, string database)
    {
        try
        {
            foreach (var sealedElement in XElement.Parse(element.Xml).Descendants(SealedXmlEncryptor.Sealed))
                Array.Clear(cipher.Open(Convert.FromBase64String(sealedElement.Value)));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or XmlException)
        {
            throw CantusException.Invalid(
                $"The key ring in the database ({database}) was encrypted with another {KeyRingSecret.Setting} than this node's ({element.Name} does not open): " +
                $"give every node the same secret (without the setting, the embedded server uses {KeyRingSecret.FileName} in its data directory), " +
                "or delete the rows of the table data_protection_keys to start over (everyone then signs in again).", inner: ex);
        }
    }
}
