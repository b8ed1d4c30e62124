using System.Globalization;
using System.Text;

namespace Orchestration.Engine.Git;

/// <summary>Branch and file names derived from a project and its tasks.</summary>
internal static class GitNames
{
    private const int MaxSlug = 48;

    /// <summary>"{prefix}/{slug of the name}-{last 8 characters of the id}". The id part keeps two projects with one name
    /// apart (the end of an id: its start is a timestamp) and finds the branch again after a rename.</summary>
    public static string Branch(string prefix, string projectName, string projectId) =>
        $"{prefix}/{Slug(projectName, "project")}-{IdSuffix(projectId)}";

    /// <summary>Whether <paramref name="branch"/> is a branch this project made (whatever its name was then).</summary>
    public static bool IsProjectBranch(string branch, string prefix, string projectId) =>
        branch.StartsWith(prefix + "/", StringComparison.Ordinal) && branch.EndsWith("-" + IdSuffix(projectId), StringComparison.Ordinal);

    /// <summary>"{task_index:000}-{title slug}.md".</summary>
    public static string OutputFile(long taskIndex, string title) =>
        string.Create(CultureInfo.InvariantCulture, $"{taskIndex:000}-{Slug(title, "task")}.md");

    /// <summary>One line of at most 200 characters for the commit subject.</summary>
    public static string Subject(string title, long taskIndex)
    {
        var line = string.Join(' ', title.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        line = new string([.. line.Where(c => !char.IsControl(c))]).Trim();
        return line.Length == 0 ? string.Create(CultureInfo.InvariantCulture, $"Task {taskIndex}") : line.Length <= 200 ? line : line[..200];
    }

    /// <summary>Lower-case ASCII letters and digits joined by single '-'.</summary>
    public static string Slug(string text, string fallback)
    {
        var slug = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
            if (slug.Length >= MaxSlug)
            {
                break;
            }
        }
        var result = slug.ToString().Trim('-');
        return result.Length == 0 ? fallback : result;
    }

    private static string IdSuffix(string projectId) =>
        Slug(projectId.Length <= 8 ? projectId : projectId[^8..], "0");
}
