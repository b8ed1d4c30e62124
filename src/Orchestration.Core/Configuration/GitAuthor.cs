namespace Orchestration.Core.Configuration;

/// <summary>The "Name &lt;email&gt;" form of <c>git.commit_author</c>, split into the two values git wants.</summary>
public static class GitAuthor
{
    public static bool TryParse(string? value, out string name, out string email)
    {
        (name, email) = ("", "");
        var text = value?.Trim() ?? "";
        var open = text.LastIndexOf('<');
        if (open <= 0 || !text.EndsWith('>'))
        {
            return false;
        }
        var n = text[..open].Trim();
        var e = text[(open + 1)..^1].Trim();
        // Angle brackets or line breaks inside either part would corrupt the commit header.
        if (n.Length == 0 || e.Length == 0 || n.Any(c => c is '<' or '>' || char.IsControl(c)) || e.Any(c => c is '<' or '>' || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }
        (name, email) = (n, e);
        return true;
    }
}
