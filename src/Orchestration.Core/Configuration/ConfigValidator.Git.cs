namespace Orchestration.Core.Configuration;

public static partial class ConfigValidator
{
    private static IEnumerable<string> ValidateGit(GitOptions git)
    {
        if (!GitAuthor.TryParse(git.CommitAuthor, out _, out _))
        {
            yield return $"'git.commit_author' must look like 'Name <email>' (got '{git.CommitAuthor}').";
        }
        if (!IsRefPrefix(git.BranchPrefix))
        {
            yield return $"'git.branch_prefix' must be '/'-separated parts of letters, digits, '.', '_' or '-', none starting with '.' (got '{git.BranchPrefix}'), e.g. 'orch'.";
        }
        var parts = (git.NonCodeOutputPath ?? "").Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToList();
        if (parts.Count == 0 || Path.IsPathRooted(git.NonCodeOutputPath) || parts.Contains("..")
            || parts.Any(p => p.Equals(".git", StringComparison.OrdinalIgnoreCase)))
        {
            yield return $"'git.non_code_output_path' must be a folder inside the project workspace, relative, without '..' or '.git' (got '{git.NonCodeOutputPath}'), e.g. '.orchestration'.";
        }
        if (string.IsNullOrWhiteSpace(git.PrRemote) || git.PrRemote.StartsWith('-') || git.PrRemote.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            yield return $"'git.pr_remote' must name a git remote of the workspace repository, e.g. 'origin' (got '{git.PrRemote}').";
        }
    }

    /// <summary>A prefix that keeps "prefix/slug-id" a valid branch name (git check-ref-format, kept simple).</summary>
    private static bool IsRefPrefix(string? prefix)
    {
        if (string.IsNullOrEmpty(prefix))
        {
            return false;
        }
        var parts = prefix.Split('/');
        return parts.All(p => p.Length > 0 && !p.StartsWith('.') && !p.EndsWith(".lock", StringComparison.Ordinal) && !p.Contains("..", StringComparison.Ordinal)
            && p.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'));
    }
}
