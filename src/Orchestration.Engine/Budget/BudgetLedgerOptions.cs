using Orchestration.Core.Domain;

namespace Orchestration.Engine.Budget;

/// <summary>How the ledger holds reservations. Not in config.json: the defaults suit every deployment.</summary>
public sealed class BudgetLedgerOptions
{
    /// <summary>This process instance; a new instance releases reservations of any other instance at startup.</summary>
    public string InstanceId { get; set; } = Ids.New();

    /// <summary>How long a reservation holds without being settled before the sweep releases it. Longer than the
    /// longest model call with its retries.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often expired leases are released.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}
