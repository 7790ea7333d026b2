using System.Net;
using Cantus.Service.Errors;

namespace Cantus.Web.Hosting;

/// <summary>
/// The setting <c>Cantus:TrustedProxies</c> read: IP addresses and CIDR networks, each entry
/// possibly several separated by commas or spaces (one environment variable can hold them all);
/// a network's host bits are dropped (10.0.0.1/8 is 10.0.0.0/8).
/// Nothing given is loopback only (127.0.0.0/8 and ::1), where a proxy on the same machine runs.
/// </summary>
public sealed record TrustedProxies(IReadOnlyList<IPAddress> Addresses, IReadOnlyList<IPNetwork> Networks)
{
    /// <summary>The setting's name.</summary>
    public const string Setting = "Cantus:TrustedProxies";

    /// <summary>The proxies <paramref name="entries"/> name (null or empty: loopback only).</summary>
    /// <exception cref="CantusException">InvalidOptions: an entry is neither an IP address nor a CIDR network.</exception>
    public static TrustedProxies Parse(IEnumerable<string>? entries)
    {
        var addresses = new List<IPAddress>();
        var networks = new List<IPNetwork>();
        foreach (var item in (entries ?? []).SelectMany(e => (e ?? "").Split([',', ' ', ';', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (item.Contains('/', StringComparison.Ordinal) && IPNetwork.TryParse(item, out var network)) networks.Add(network);
            else if (!item.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(item, out var address)) addresses.Add(address);
            else
                throw CantusException.Invalid($"{Setting}: '{item}' is neither an IP address (10.0.0.5, ::1) nor a CIDR network (10.0.0.0/8, fd00::/8).");
        }
        return addresses.Count == 0 && networks.Count == 0
            ? new TrustedProxies([IPAddress.IPv6Loopback], [IPNetwork.Parse("127.0.0.0/8")])
            : new TrustedProxies(addresses, networks);
    }
}
