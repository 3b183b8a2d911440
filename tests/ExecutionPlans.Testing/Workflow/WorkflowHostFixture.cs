using ExecutionPlans.Notifications;
using ExecutionPlans.Planning;
using ExecutionPlans.Workflow;
using ExecutionPlans.Workflow.Client;
using ExecutionPlans.Workflow.Details;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ExecutionPlans.Testing;

/// <summary>
/// One in-process Durable Task host per test class: the in-memory engine behind a real gRPC sidecar, a real
/// worker running the plan orchestrator and activities, and a real client. The services are the app's own
/// (<c>AddExecutionPlans</c> with no model configured, <c>AddExecutionPlanWorkflow</c>) plus the test tools and
/// a scripted generator in place of the model.
/// </summary>
public class WorkflowHostFixture : IAsyncLifetime
{
    private DurableTaskTestHost? host;

    public TestTools Tools { get; } = new();

    public ScriptedPlanGenerator Generator { get; } = new();

    public DurableTaskTestHost Host => host ?? throw new InvalidOperationException("The host has not started.");

    public DurableTaskClient Client => Host.Client;

    public PlanService Plans { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(await SettingsAsync()).Build();
        host = await DurableTaskTestHost.StartAsync(
            registry => registry.AddExecutionPlanTasks(),
            new DurableTaskTestHostOptions
            {
                // The host picks a random port from a small range otherwise, and test classes start hosts in parallel.
                Port = LoopbackPort.Free(),
                ConfigureServices = services =>
                {
                    // Options bind from the registered configuration; make it the same as the one passed in.
                    services.AddSingleton<IConfiguration>(configuration);
                    services.AddExecutionPlans(configuration);
                    ConfigureServices(services);
                    foreach (var tool in Tools.Create())
                    {
                        services.AddSingleton(tool);
                    }

                    services.Replace(ServiceDescriptor.Singleton<IExecutionPlanGenerator>(Generator));
                },
            });
        Plans = new PlanService(host.Client, TimeProvider.System, details: host.Services.GetService<IPlanDetailStore>());
    }

    public virtual async Task DisposeAsync()
    {
        // A test that failed half-way may leave a step blocked; the worker waits for running activities to stop.
        Tools.ReleaseAll();
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>The workflow's services; the approval channels too, so their settings take effect.</summary>
    protected virtual void ConfigureServices(IServiceCollection services) => services.AddExecutionPlanWorkflow().AddApprovalNotifications();

    /// <summary>The app's settings for this host; none by default (no model, no channels).</summary>
    protected virtual Task<Dictionary<string, string?>> SettingsAsync() => Task.FromResult(new Dictionary<string, string?>());
}
