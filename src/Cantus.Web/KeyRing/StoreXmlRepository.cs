using System.Xml.Linq;
using Cantus.Service.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Cantus.Web.KeyRing;

/// <summary>
/// The data-protection key ring in the book-keeping database (<see cref="CantusStore.KeyRing"/>),
/// so that every web node of the database reads the keys any of them made. The key manager calls
/// it rarely (at start, when a key is made, when it refreshes its cache, about daily) and
/// synchronously, so the store's asynchronous calls are waited for here.
/// </summary>
internal sealed class StoreXmlRepository(Func<CantusStore> store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. store().KeyRing.ListAsync().GetAwaiter().GetResult().Select(e => XElement.Parse(e.Xml))];

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        store().KeyRing.AddAsync(string.IsNullOrWhiteSpace(friendlyName) ? "element" : friendlyName, element.ToString(SaveOptions.DisableFormatting)).GetAwaiter().GetResult();
    }
}
