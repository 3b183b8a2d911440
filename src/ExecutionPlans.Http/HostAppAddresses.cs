using ExecutionPlans.Tools.Http;
using ExecutionPlans.Workflow.Approvals;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Http;

/// <summary>
/// The app's own addresses for the <c>http_request</c> tool's self-call refusal: where the web server listens (when
/// the host has one, as the self-hosted server does), <c>Approvals:PublicBaseUrl</c>, and in Azure the app's host name
/// (<c>WEBSITE_HOSTNAME</c>).
/// </summary>
internal sealed class HostAppAddresses(IServiceProvider services, IOptions<ApprovalOptions> approvals) : IAppAddresses
{
    public IEnumerable<Uri> Addresses
    {
        get
        {
            if (approvals.Value.PublicBaseUrl is { } publicBaseUrl)
            {
                yield return publicBaseUrl;
            }

            if (Environment.GetEnvironmentVariable("WEBSITE_HOSTNAME") is { Length: > 0 } siteHost)
            {
                foreach (var scheme in new[] { "https", "http" })
                {
                    if (Uri.TryCreate($"{scheme}://{siteHost}", UriKind.Absolute, out var site))
                    {
                        yield return site;
                    }
                }
            }

            var listening = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in listening)
            {
                // Kestrel writes "http://[::]:80" or "http://*:5000"; Uri reads the first, not the second.
                if (Uri.TryCreate(address.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
                {
                    yield return uri;
                }
            }
        }
    }
}
