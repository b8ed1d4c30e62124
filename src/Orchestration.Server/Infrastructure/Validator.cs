using Orchestration.Core.Domain;

namespace Orchestration.Server.Infrastructure;

/// <summary>Collects field errors at the edge and throws one 422 problem with all of them.</summary>
public sealed class Validator
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public Validator Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
        return this;
    }

    public Validator Required(string field, string? value, int maxLength, int minLength = 1)
    {
        if (value is null)
        {
            return Add(field, $"'{field}' is required.");
        }
        return Length(field, value, maxLength, minLength);
    }

    public Validator Length(string field, string? value, int maxLength, int minLength = 0)
    {
        if (value is not null && value.Trim().Length < minLength)
        {
            Add(field, minLength == 1 ? $"'{field}' must not be empty." : $"'{field}' must be at least {minLength} characters.");
        }
        else if (value is not null && value.Length > maxLength)
        {
            Add(field, $"'{field}' must be at most {maxLength} characters (got {value.Length}).");
        }
        return this;
    }

    public Validator Range(string field, long? value, long min, long max) =>
        value is not null && (value < min || value > max) ? Add(field, $"'{field}' must be between {min} and {max} (got {value}).") : this;

    /// <summary>Parses an optional enum given as its wire string.</summary>
    public T? Enum<T>(string field, string? value) where T : struct, System.Enum
    {
        if (value is null)
        {
            return null;
        }
        if (WireNames.TryParse<T>(value, out var parsed))
        {
            return parsed;
        }
        Add(field, $"'{field}' must be one of {string.Join(", ", WireNames.AllowedValues<T>())} (got '{value}').");
        return null;
    }

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw new RequestValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }
}
