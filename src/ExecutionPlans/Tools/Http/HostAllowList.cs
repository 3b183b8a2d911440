using System.Globalization;

namespace ExecutionPlans.Tools.Http;

/// <summary>
/// The hosts the <c>http_request</c> tool may call: exact host names, or <c>*.example.com</c> for any
/// subdomain of <c>example.com</c> (at any depth, not <c>example.com</c> itself).
/// </summary>
/// <remarks>Matching is case-insensitive and looks at the host only, never the scheme, port or path.</remarks>
internal sealed class HostAllowList
{
    private const string WildcardPrefix = "*.";
    private static readonly IdnMapping Idn = new();

    private readonly HashSet<string> exactHosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> domainSuffixes = [];

    /// <summary>Creates the list from configured entries.</summary>
    /// <exception cref="ArgumentException">An entry is not a host name or a <c>*.</c> wildcard.</exception>
    public HostAllowList(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            if (!TryParseEntry(entry, out var host, out var isWildcard, out var error))
            {
                throw new ArgumentException(error, nameof(entries));
            }

            if (isWildcard)
            {
                domainSuffixes.Add("." + host);
            }
            else
            {
                exactHosts.Add(host);
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
        return exactHosts.Contains(host)
            || domainSuffixes.Exists(suffix => host.Length > suffix.Length && host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Checks one configured entry.</summary>
    /// <param name="entry">The entry, for example <c>api.example.com</c> or <c>*.example.com</c>.</param>
    /// <param name="host">The host or, for a wildcard, the parent domain, normalized for matching.</param>
    /// <param name="isWildcard">Whether the entry allows the subdomains of <paramref name="host"/>.</param>
    /// <param name="error">Why the entry is not valid.</param>
    /// <returns>Whether the entry is valid.</returns>
    public static bool TryParseEntry(string? entry, out string host, out bool isWildcard, out string error)
    {
        host = string.Empty;
        error = string.Empty;
        var text = entry?.Trim() ?? string.Empty;
        isWildcard = text.StartsWith(WildcardPrefix, StringComparison.Ordinal);
        var name = isWildcard ? text[WildcardPrefix.Length..] : text;
        if (name.Length == 0 || name.Contains('*', StringComparison.Ordinal) || Uri.CheckHostName(name) == UriHostNameType.Unknown)
        {
            error = $"'{entry}' is not a host name. Give host names only (no scheme, port or path), "
                + "for example 'api.example.com', or '*.example.com' for its subdomains.";
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

    private static string NormalizeHost(string host) => host.Trim('[', ']').TrimEnd('.');
}
