namespace Orchestration.Core.Planning;

/// <summary>Collects problems by JSON path, in the order found, up to <see cref="PlanLimits.MaxErrors"/>.</summary>
internal sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];
    private int _count;

    public bool Any => _count > 0;

    public int Count => _count;

    public void Add(string path, string message)
    {
        if (_count >= PlanLimits.MaxErrors)
        {
            return;
        }
        _count++;
        if (!_errors.TryGetValue(path, out var list))
        {
            _errors[path] = list = [];
        }
        list.Add(message);
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
