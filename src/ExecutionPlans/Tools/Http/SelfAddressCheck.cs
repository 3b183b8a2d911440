using System.Net;

namespace ExecutionPlans.Tools.Http;

/// <summary>Whether a request would reach the app itself, at one of its <see cref="IAppAddresses"/>.</summary>
internal static class SelfAddressCheck
{
    /// <summary>The app's address <paramref name="uri"/> reaches, or null when it reaches none of them.</summary>
    public static Uri? Match(Uri uri, IEnumerable<IAppAddresses> sources)
    {
        ArgumentNullException.ThrowIfNull(uri);
        foreach (var address in sources.SelectMany(source => source.Addresses))
        {
            if (address.Port == uri.Port && SameHost(address.Host, uri))
            {
                return address;
            }
        }

        return null;
    }

    // A server listening on every address ("*", "+", 0.0.0.0, [::]) or on loopback answers every loopback name too.
    private static bool SameHost(string listening, Uri uri) =>
        string.Equals(listening.Trim('[', ']'), uri.IdnHost.Trim('[', ']'), StringComparison.OrdinalIgnoreCase)
        || ((IsLoopback(listening) || IsAnyAddress(listening)) && IsLoopback(uri.IdnHost));

    private static bool IsAnyAddress(string host) =>
        host is "*" or "+" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)));

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
