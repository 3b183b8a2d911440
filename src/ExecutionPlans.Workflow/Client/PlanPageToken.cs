using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ExecutionPlans.Workflow.Client;

/// <summary>
/// The continuation token of <c>GET /api/plans</c>: the engine's own token with a checksum, so a token that was not
/// issued by a page (typed by hand, cut short, from another app) is refused as such instead of confusing the engine.
/// </summary>
public static class PlanPageToken
{
    private const int ChecksumBytes = 8;

    /// <summary>The token a client gets for the engine's <paramref name="engineToken"/>.</summary>
    /// <param name="engineToken">The engine's continuation token.</param>
    /// <returns>The client's token.</returns>
    public static string Wrap(string engineToken)
    {
        ArgumentNullException.ThrowIfNull(engineToken);
        var bytes = Encoding.UTF8.GetBytes(engineToken);
        return $"{Base64Url.EncodeToString(bytes)}.{Base64Url.EncodeToString(Checksum(bytes))}";
    }

    /// <summary>Reads a client's token back into the engine's.</summary>
    /// <param name="token">The client's token.</param>
    /// <param name="engineToken">The engine's token, when the token is one a page issued.</param>
    /// <returns>Whether it is.</returns>
    public static bool TryUnwrap(string? token, out string engineToken)
    {
        engineToken = string.Empty;
        var dot = token?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (token is null || dot <= 0 || token.Length > 8192)
        {
            return false;
        }

        try
        {
            var bytes = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            if (!Checksum(bytes).AsSpan().SequenceEqual(Base64Url.DecodeFromChars(token.AsSpan(dot + 1))))
            {
                return false;
            }

            engineToken = Encoding.UTF8.GetString(bytes);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static byte[] Checksum(byte[] bytes) => SHA256.HashData(bytes)[..ChecksumBytes];
}
