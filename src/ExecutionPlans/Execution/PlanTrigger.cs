namespace ExecutionPlans.Execution;

/// <summary>What moves a plan from one status to the next; <see cref="PlanStateMachine.Transitions"/> says where to.</summary>
public enum PlanTrigger
{
    /// <summary>The draft is ready (generated or checked) and waits for approval.</summary>
    Submitted,

    /// <summary>The plan cannot run: planning failed or it is not valid.</summary>
    Invalid,

    /// <summary>No approval is required: the plan is approved as it is.</summary>
    AutoApproved,

    /// <summary>An approver approved the current version.</summary>
    Approved,

    /// <summary>An approver asked for changes; the new version is being made.</summary>
    ModificationStarted,

    /// <summary>The new version is ready and waits for approval.</summary>
    Revised,

    /// <summary>The change could not be made; the version that was there waits again.</summary>
    ModificationFailed,

    /// <summary>An approver rejected the plan.</summary>
    Rejected,

    /// <summary>Nobody decided before the approval deadline.</summary>
    TimedOut,

    /// <summary>Cancelled while no step was running.</summary>
    Cancelled,

    /// <summary>The first steps start.</summary>
    Started,

    /// <summary>Cancelled while steps were running: they finish, nothing new starts.</summary>
    CancelRequested,

    /// <summary>Every step succeeded.</summary>
    Completed,

    /// <summary>A step failed and the steps that were running have finished.</summary>
    Failed,

    /// <summary>After a cancel, the last running step has finished.</summary>
    Drained,

    /// <summary>An approver asked for a failed plan's failed and skipped steps to run again, as they are.</summary>
    RetryRequested,

    /// <summary>The change asked for a failed plan could not be made; the plan is failed again, still recoverable.</summary>
    RecoveryModificationFailed,
}
