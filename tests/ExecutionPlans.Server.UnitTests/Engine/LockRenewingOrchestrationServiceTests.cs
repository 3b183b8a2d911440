using DurableTask.Core;
using ExecutionPlans.Server.Engine;
using ExecutionPlans.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace ExecutionPlans.Server.UnitTests.Engine;

public sealed class LockRenewingOrchestrationServiceTests
{
    private static readonly TimeSpan RenewInterval = TimeSpan.FromMilliseconds(10);

    [Fact]
    public async Task CompleteTaskOrchestrationWorkItem_AfterRenewals_NeverOverlapsARenewal()
    {
        // Arrange: renewals that take a while, so a completion could land in the middle of one.
        var workItem = new TaskOrchestrationWorkItem { InstanceId = "0f8fad5bd9cb469fa16570867728950e" };
        var renewals = 0;
        var renewing = false;
        var completedDuringRenewal = (bool?)null;
        var inner = new Mock<IOrchestrationService>(MockBehavior.Strict);
        inner.Setup(service => service.LockNextTaskOrchestrationWorkItemAsync(It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>())).ReturnsAsync(workItem);
        inner.Setup(service => service.RenewTaskOrchestrationWorkItemLockAsync(workItem)).Returns(async () =>
        {
            Volatile.Write(ref renewing, true);
            await Task.Delay(RenewInterval);
            Interlocked.Increment(ref renewals);
            Volatile.Write(ref renewing, false);
        });
        inner.Setup(service => service.CompleteTaskOrchestrationWorkItemAsync(workItem, null!, It.IsAny<IList<TaskMessage>>(), It.IsAny<IList<TaskMessage>>(), It.IsAny<IList<TaskMessage>>(), null!, null!))
            .Callback(() => completedDuringRenewal = Volatile.Read(ref renewing))
            .Returns(Task.CompletedTask);
        var service = new LockRenewingOrchestrationService(inner.Object, RenewInterval, RenewInterval, NullLogger<LockRenewingOrchestrationService>.Instance);
        await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        await Poll.UntilAsync(
            () => Volatile.Read(ref renewals) >= 3 ? workItem : null,
            limit => $"The work item's lock was renewed {Volatile.Read(ref renewals)} times within {limit.TotalSeconds:0} s, not 3.",
            TimeSpan.FromSeconds(10));

        // Act
        await service.CompleteTaskOrchestrationWorkItemAsync(workItem, null!, [], [], [], null!, null!);

        // Assert
        Assert.False(completedDuringRenewal);
    }
}
