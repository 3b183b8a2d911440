using System.Globalization;

namespace ExecutionPlans.Tools.Http;

/// <summary>
/// The hosts the <c>http_request</c> tool may call: exact host names, or <c>*.example.com</c> for any
/// subdomain of <c>example.com</c> (at any depth, not <c>example.com</c> itself), each on any port, or on one port
/// with <c>host:port</c> (<c>127.0.0.1:8080</c>, <c>[::1]:8080</c>, <c>*.example.com:8443</c>).
/// </summary>
/// <remarks>Matching is case-insensitive on the host, and looks at the port only for entries that name one; never the scheme or path.</remarks>
internal sealed class HostAllowList
{
    private const string WildcardPrefix = "*.";
    private static readonly IdnMapping Idn = new();

    private readonly HashSet<(string Host, int Port)> exactHosts = new(HostComparer.Instance);
    private readonly List<(string Suffix, int Port)> domainSuffixes = [];

    /// <summary>Creates the list from configured entries.</summary>
    /// <exception cref="ArgumentException">An entry is not a host name or a <c>*.</c> wildcard.</exception>
    public HostAllowList(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            if (!TryParseEntry(entry, out var host, out var port, out var isWildcard, out var error))
            {
                throw new ArgumentException(error, nameof(entries));
            }

            if (isWildcard)
            {
                domainSuffixes.Add(("." + host, port));
            }
            else
            {
                exactHosts.Add((host, port));
            }
        }
    }

    /// <summary>Whether the list allows nothing.</summary>
    public bool IsEmpty => exactHosts.Count == 0 && domainSuffixes.Count == 0;

    /// <summary>Whether a request to <paramref name="uri"/> may be made.</summary>
    public bool IsAllowed(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var host = NormalizeHost(uri.IdnHost);
        return exactHosts.Contains((host, AnyPort)) || exactHosts.Contains((host, uri.Port))
            || domainSuffixes.Exists(entry => (entry.Port == AnyPort || entry.Port == uri.Port)
                && host.Length > entry.Suffix.Length && host.EndsWith(entry.Suffix, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The port of an entry that names none: any.</summary>
    public const int AnyPort = -1;

    /// <summary>Checks one configured entry.</summary>
    /// <param name="entry">The entry, for example <c>api.example.com</c>, <c>*.example.com</c> or <c>127.0.0.1:8080</c>.</param>
    /// <param name="host">The host or, for a wildcard, the parent domain, normalized for matching.</param>
    /// <param name="port">The port the entry allows; <see cref="AnyPort"/> when it names none.</param>
    /// <param name="isWildcard">Whether the entry allows the subdomains of <paramref name="host"/>.</param>
    /// <param name="error">Why the entry is not valid.</param>
    /// <returns>Whether the entry is valid.</returns>
    public static bool TryParseEntry(string? entry, out string host, out int port, out bool isWildcard, out string error)
    {
        host = string.Empty;
        port = AnyPort;
        error = string.Empty;
        var text = entry?.Trim() ?? string.Empty;
        isWildcard = text.StartsWith(WildcardPrefix, StringComparison.Ordinal);
        var name = isWildcard ? text[WildcardPrefix.Length..] : text;

        // host:port, with IPv6 addresses in brackets ([::1]:8080); a bare IPv6 address has colons but no port.
        var colon = name.LastIndexOf(':');
        if (colon > 0 && (name.StartsWith('[') ? name[colon - 1] == ']' : name.IndexOf(':') == colon))
        {
            if (!int.TryParse(name.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
            {
                error = $"'{entry}' is not a host name with a port from 1 to 65535. {EntryExamples}";
                return false;
            }

            name = name[..colon];
        }

        if (name.Length == 0 || name.Contains('*', StringComparison.Ordinal) || Uri.CheckHostName(name.Trim('[', ']')) == UriHostNameType.Unknown)
        {
            error = $"'{entry}' is not a host name. {EntryExamples}";
            return false;
        }

        try
        {
            host = NormalizeHost(name.Any(c => c > '\x7f') ? Idn.GetAscii(name) : name);
            return true;
        }
        catch (ArgumentException exception)
        {
            error = $"'{entry}' is not a valid host name: {exception.Message}";
            return false;
        }
    }

    private const string EntryExamples =
        "Give a host name, optionally with a port (no scheme or path), for example 'api.example.com', '*.example.com' for its subdomains, or '127.0.0.1:8080'.";

    private static string NormalizeHost(string host) => host.Trim('[', ']').TrimEnd('.');

    private sealed class HostComparer : IEqualityComparer<(string Host, int Port)>
    {
        public static readonly HostComparer Instance = new();

        public bool Equals((string Host, int Port) x, (string Host, int Port) y) =>
            x.Port == y.Port && string.Equals(x.Host, y.Host, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string Host, int Port) obj) => HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Host), obj.Port);
    }
}
