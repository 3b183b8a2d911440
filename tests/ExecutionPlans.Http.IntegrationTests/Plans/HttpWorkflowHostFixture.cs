using ExecutionPlans.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ExecutionPlans.Http.IntegrationTests.Plans;

/// <summary>The in-process workflow host with the HTTP API's services, as the hosts compose them.</summary>
public sealed class HttpWorkflowHostFixture : WorkflowHostFixture
{
    protected override void ConfigureServices(IServiceCollection services) => base.ConfigureServices(services.AddPlansHttpApi());
}
