using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestration.Core.Graph;

namespace Orchestration.Core.Planning;

public static partial class PlanValidator
{
    private static void CheckTitles(List<TaskDraft> drafts, ValidationErrors errors)
    {
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < drafts.Count; i++)
        {
            if (drafts[i].Title.Length == 0)
            {
                continue;
            }
            if (seen.TryGetValue(drafts[i].Title, out var first))
            {
                errors.Add($"{drafts[i].Path}.title", $"'{drafts[i].Title}' is also the title of task {first}; titles must be unique.");
            }
            else
            {
                seen[drafts[i].Title] = i;
            }
        }
    }

    private static void CheckRequirementIds(List<TaskDraft> drafts, IReadOnlyCollection<string>? known, ValidationErrors errors)
    {
        if (known is null)
        {
            return;
        }
        var allowed = known.Count == 0 ? "there are no requirements" : "known: " + string.Join(", ", known);
        foreach (var draft in drafts)
        {
            foreach (var id in draft.RequirementIds.Where(id => !known.Contains(id)))
            {
                errors.Add($"{draft.Path}.requirement_ids", $"{id} is not a requirement of this project ({allowed}).");
            }
        }
    }

    /// <summary>depends_on entries as global indexes: numbers, numeric strings or another task's exact title;
    /// duplicates merged, self and out-of-range references refused.</summary>
    private static List<int>[] ResolveDependencies(List<TaskDraft> drafts, ValidationErrors errors)
    {
        var byTitle = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = drafts.Count - 1; i >= 0; i--)
        {
            if (drafts[i].Title.Length > 0)
            {
                byTitle[drafts[i].Title] = i;
            }
        }
        var n = drafts.Count;
        var result = new List<int>[n];
        for (var i = 0; i < n; i++)
        {
            var deps = new SortedSet<int>();
            var raw = drafts[i].RawDependsOn ?? [];
            var at = $"{drafts[i].Path}.depends_on";
            for (var k = 0; k < raw.Count; k++)
            {
                var index = DependencyIndex(raw[k], byTitle);
                if (index is null)
                {
                    errors.Add($"{at}[{k}]", $"must be the 0-based global index of another task, not {Describe(raw[k])}.");
                }
                else if (index < 0 || index >= n)
                {
                    errors.Add($"{at}[{k}]", $"task {index} does not exist: indexes are 0-based and global across phases (0–{n - 1}).");
                }
                else if (index == i)
                {
                    errors.Add($"{at}[{k}]", $"task {i} ('{drafts[i].Title}') cannot depend on itself.");
                }
                else
                {
                    deps.Add((int)index.Value);
                }
            }
            result[i] = [.. deps];
        }
        return result;
    }

    private static long? DependencyIndex(JsonNode? node, Dictionary<string, int> byTitle)
    {
        if (PlanFieldReader.TryWholeNumber(node, out var number))
        {
            return number;
        }
        if (node?.GetValueKind() != JsonValueKind.String)
        {
            return null;
        }
        var text = node.GetValue<string>().Trim();
        if (long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }
        return byTitle.TryGetValue(text, out var byName) ? byName : null;
    }

    private static void CheckAcyclic(List<TaskDraft> drafts, List<int>[] dependsOn, ValidationErrors errors)
    {
        try
        {
            DagAnalysis.Analyze(dependsOn);
        }
        catch (GraphException ex)
        {
            var names = ex.Nodes.Append(ex.Nodes[0]).Select(i => $"{i} '{drafts[i].Title}'");
            errors.Add("depends_on", $"the dependencies form a cycle: {string.Join(" → ", names)}. Remove one of these dependencies.");
        }
    }
}
