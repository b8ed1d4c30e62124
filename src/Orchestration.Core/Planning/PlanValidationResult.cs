namespace Orchestration.Core.Planning;

/// <summary>A valid, normalised plan, or the problems that stop it being one (keyed by JSON path).</summary>
public sealed class PlanValidationResult
{
    private PlanValidationResult(PlanDocument? plan, IReadOnlyDictionary<string, string[]> errors)
    {
        Plan = plan;
        Errors = errors;
    }

    public PlanDocument? Plan { get; }

    /// <summary>JSON path (e.g. <c>phases[1].tasks[0].depends_on</c>) → messages. Empty when valid.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public bool IsValid => Plan is not null;

    /// <summary>One line for a problem's detail: the first problem, and how many more there are.</summary>
    public string Summary
    {
        get
        {
            if (IsValid)
            {
                return "The plan is valid.";
            }
            var first = Errors.First();
            var total = Errors.Values.Sum(v => v.Length);
            var more = total > 1 ? $" (and {total - 1} more problem{(total > 2 ? "s" : "")})" : "";
            return $"{first.Key}: {first.Value[0]}{more}";
        }
    }

    /// <summary>Every problem as "path: message" lines, for re-asking the model.</summary>
    public IEnumerable<string> Lines => Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"));

    public static PlanValidationResult Valid(PlanDocument plan) => new(plan, new Dictionary<string, string[]>());

    public static PlanValidationResult Invalid(IReadOnlyDictionary<string, string[]> errors) => new(null, errors);

    public static PlanValidationResult Invalid(string path, string message) =>
        new(null, new Dictionary<string, string[]> { [path] = [message] });
}
