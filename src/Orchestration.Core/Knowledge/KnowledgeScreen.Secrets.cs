using System.Text.RegularExpressions;

namespace Orchestration.Core.Knowledge;

// Secrets: known key formats first, then an assignment of a secret-named setting, then any long random-looking token.
public static partial class KnowledgeScreen
{
    private const int MinRandomLength = 32;
    private const double MinRandomEntropyBits = 4.2;

    private static readonly (Regex Pattern, string Kind)[] KeyFormats =
    [
        (PrivateKey(), "a private key"),
        (ProviderKey(), "an API key (sk-...)"),
        (AwsKey(), "an AWS access key id"),
        (GitHubToken(), "a GitHub token"),
        (SlackToken(), "a Slack token"),
        (OrchKey(), "an Orchestration Engine API key"),
        (Jwt(), "a bearer token (JWT)"),
        (SecretAssignment(), "a password or secret assigned a value"),
    ];

    private static string? SecretKind(string text)
    {
        foreach (var (pattern, kind) in KeyFormats)
        {
            if (pattern.IsMatch(text))
            {
                return kind;
            }
        }
        return RandomToken().Matches(text).Any(m => LooksRandom(m.Value)) ? "a long random token" : null;
    }

    /// <summary>Mixed case and digits with high per-character entropy: what keys look like and identifiers, paths,
    /// hashes and UUIDs (hex only, or words) do not.</summary>
    internal static bool LooksRandom(string token)
    {
        if (token.Length < MinRandomLength || HexLike().IsMatch(token))
        {
            return false;
        }
        var upper = token.Count(char.IsAsciiLetterUpper);
        var lower = token.Count(char.IsAsciiLetterLower);
        var digits = token.Count(char.IsAsciiDigit);
        if (upper == 0 || lower == 0 || digits < 2)
        {
            return false;
        }
        var entropy = token.GroupBy(c => c).Sum(g =>
        {
            var p = (double)g.Count() / token.Length;
            return -p * Math.Log2(p);
        });
        return entropy >= MinRandomEntropyBits;
    }

    [GeneratedRegex(@"-----BEGIN\s+([A-Z0-9]+\s+)*PRIVATE\s+KEY(\s+BLOCK)?-----")]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"\bsk-(ant-|proj-|live-|test-)?[A-Za-z0-9_\-]{16,}")]
    private static partial Regex ProviderKey();

    [GeneratedRegex(@"\b(AKIA|ASIA)[0-9A-Z]{16}\b")]
    private static partial Regex AwsKey();

    [GeneratedRegex(@"\b(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})")]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\bxox[abprs]-[A-Za-z0-9-]{10,}")]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"\borch_[0-9a-f]{64}\b")]
    private static partial Regex OrchKey();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")]
    private static partial Regex Jwt();

    // "password=hunter2", "API_KEY: abc123"; after a colon (also prose: "the API key: must be sent") the value needs a
    // digit or symbol. A placeholder ($VAR, <...>, {...}, %...%, ***) is not a secret.
    [GeneratedRegex(@"\b(password|passwd|pwd|passphrase|secret|secret[_-]?key|api[_-]?key|access[_-]?key|access[_-]?token|auth[_-]?token|client[_-]?secret|private[_-]?key)\b[""']?\s*(=\s*[""']?(?![$<{%*]|(null|none|empty|unset|redacted|changeme)\b)[^\s""',;]{4,}|:\s*[""']?(?![$<{%*]|(null|none|empty|unset|redacted|changeme)\b)(?=[^\s""',;]*[0-9!@#^&+_\-])[^\s""',;]{4,})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretAssignment();

    [GeneratedRegex(@"[A-Za-z0-9+/_\-]{32,}={0,2}")]
    private static partial Regex RandomToken();

    [GeneratedRegex(@"^[0-9a-fA-F\-]+$")]
    private static partial Regex HexLike();
}
