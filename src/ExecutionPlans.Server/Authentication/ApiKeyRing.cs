using System.Security.Cryptography;
using System.Text;

namespace ExecutionPlans.Server.Authentication;

/// <summary>The configured API keys, and the one question asked of them: whose key is this?</summary>
internal sealed class ApiKeyRing
{
    private readonly (string Name, byte[] Hash)[] keys;

    public ApiKeyRing(IReadOnlyDictionary<string, string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        this.keys = [.. keys.Select(pair => (pair.Key, Hash(pair.Value.Trim())))];
    }

    /// <summary>Whether there are no keys.</summary>
    public bool IsEmpty => keys.Length == 0;

    /// <summary>The names of the keys, for the start-up log.</summary>
    public IEnumerable<string> Names => keys.Select(key => key.Name);

    /// <summary>The name of the key <paramref name="presented"/> is, or null when it is none of them.</summary>
    public string? NameOf(string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);

        // Hashes have one length whatever was sent, and every key is compared in constant time, so how long this takes
        // says nothing about how much of which key a guess got right.
        var hash = Hash(presented);
        string? name = null;
        foreach (var key in keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, key.Hash))
            {
                name ??= key.Name;
            }
        }

        return name;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
