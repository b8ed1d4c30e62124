namespace Orchestration.Server.Infrastructure;

/// <summary>The resource does not exist for this caller (missing or someone else's): 404.</summary>
public sealed class ResourceNotFoundException(string what) : Exception($"{what} was not found.");

/// <summary>Well-formed input that breaks a rule: 422 with per-field errors.</summary>
public sealed class RequestValidationException(IDictionary<string, string[]> errors)
    : Exception(string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public IDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>A conflict with the resource's current state that is not a transition (e.g. a duplicate): 409.</summary>
public sealed class ResourceConflictException(string message) : Exception(message);
