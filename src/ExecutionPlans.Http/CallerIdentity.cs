using System.Text;
using System.Text.Json;
using ExecutionPlans.Workflow.Approvals;
using Microsoft.AspNetCore.Http;

namespace ExecutionPlans.Http;

/// <summary>
/// Who is calling: App Service authentication's principal when trusted, else the request's authenticated user (an API
/// key's name, or a token's name claim).
/// </summary>
internal static class CallerIdentity
{
    private const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";
    private const string PrincipalNameHeader = "X-MS-CLIENT-PRINCIPAL-NAME";
    private static readonly string[] NameClaims =
    [
        "preferred_username",
        "email",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn",
        "upn",
        "name",
    ];

    /// <summary>The caller's name, or null when the caller is anonymous.</summary>
    public static string? Of(HttpRequest request, ApprovalOptions options)
    {
        if (TrustsAppService(options) && FromAppService(request) is { } principal)
        {
            return principal;
        }

        var user = request.HttpContext.User;
        if (user.Identity is not { IsAuthenticated: true } identity)
        {
            return null;
        }

        // A bearer token's claims keep the token's own names, so the identity may have no Name: take the first of the
        // same claims the App Service principal is read from.
        return identity.Name is { Length: > 0 } name
            ? name
            : NameClaims.Select(type => user.FindFirst(type)?.Value).FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
    }

    /// <summary>Whether the App Service headers are trusted: by setting, else when App Service reports authentication on.</summary>
    public static bool TrustsAppService(ApprovalOptions options) =>
        options.TrustAppServiceAuthentication
        ?? string.Equals(Environment.GetEnvironmentVariable("WEBSITE_AUTH_ENABLED"), "True", StringComparison.OrdinalIgnoreCase);

    private static string? FromAppService(HttpRequest request)
    {
        var encoded = request.Headers[PrincipalHeader].ToString();
        if (encoded.Length > 0 && encoded.Length < 64 * 1024 && ReadPrincipal(encoded) is { } name)
        {
            return name;
        }

        var plain = request.Headers[PrincipalNameHeader].ToString();
        return plain.Length > 0 ? plain : null;
    }

    private static string? ReadPrincipal(string encoded)
    {
        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, buffer, out var written))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, written));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var nameType = root.TryGetProperty("name_typ", out var typ) && typ.ValueKind == JsonValueKind.String ? typ.GetString() : null;
            var values = claims.EnumerateArray()
                .Where(c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("typ", out _) && c.TryGetProperty("val", out _))
                .Select(c => (Type: c.GetProperty("typ").GetString(), Value: c.GetProperty("val").GetString()))
                .Where(c => !string.IsNullOrWhiteSpace(c.Value))
                .ToList();
            foreach (var wanted in nameType is null ? NameClaims : [nameType, .. NameClaims])
            {
                var match = values.Find(c => string.Equals(c.Type, wanted, StringComparison.OrdinalIgnoreCase));
                if (match.Value is not null)
                {
                    return match.Value;
                }
            }

            return null;
        }
        catch (JsonException)
        {
            // A principal header that is not JSON names nobody; the plain name header may still.
            return null;
        }
    }
}
