using Orchestration.Core.Spend;

namespace Orchestration.Storage.Spend;

/// <summary>Calls as the usage log recorded them, and the tasks among them that still exist (by id).</summary>
public sealed record SpendCalls(IReadOnlyList<ObservedCall> Calls, IReadOnlyDictionary<string, SpendTask> Tasks);
