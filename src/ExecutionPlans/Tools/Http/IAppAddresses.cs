namespace ExecutionPlans.Tools.Http;

/// <summary>
/// The addresses the app itself answers on: where it listens and its public base URL. The <c>http_request</c> tool
/// refuses to call them unless <see cref="HttpToolOptions.AllowSelf"/> is set, so a plan cannot approve plans. Each
/// host registers its own (the self-hosted server, the Functions app).
/// </summary>
public interface IAppAddresses
{
    /// <summary>The addresses, read at each call (a server learns its ports once it listens).</summary>
    IEnumerable<Uri> Addresses { get; }
}
