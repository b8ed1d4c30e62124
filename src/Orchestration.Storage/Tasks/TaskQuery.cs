using Orchestration.Core.Domain;

namespace Orchestration.Storage.Tasks;

/// <summary>Filters, order and page of a project's task list. Null filters match everything.</summary>
/// <param name="Descending">Null: the sort's natural direction (priority and created_at descending, the others ascending).</param>
/// <param name="ExcludeOutput">Leaves output_text out (null) for light list views.</param>
public sealed record TaskQuery(
    TaskItemStatus? Status = null,
    int? Wave = null,
    string? Phase = null,
    ModelTier? ModelTier = null,
    string? Search = null,
    string? PlanId = null,
    TaskSort Sort = TaskSort.Default,
    bool? Descending = null,
    bool ExcludeOutput = false,
    int Offset = 0,
    int Limit = 1000);
