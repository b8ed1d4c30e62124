using System.Text.RegularExpressions;

namespace Orchestration.Core.Knowledge;

// The patterns of each rule. Case-insensitive unless a key format is case-sensitive itself.
public static partial class KnowledgeScreen
{
    private const RegexOptions Words = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    // An instruction to the model rather than a fact about the project.
    private static readonly Regex[] Instructions =
    [
        IgnoreInstructions(), YouMustNow(), SystemPrompt(), RolePlay(), Jailbreak(), RevealPrompt(),
    ];

    // Something to fetch: a link, or a download tool or verb aimed at a host.
    private static readonly Regex[] Fetches = [Link(), FetchTool(), FetchFromHost()];

    [GeneratedRegex(@"\b(ignore|disregard|forget|override|bypass|skip)\b(\s+\w+){0,3}?\s+(previous|prior|above|earlier|preceding|all|any|your|these|those|the|other)\b(\s+\w+){0,2}?\s+(instructions?|prompts?|rules?|guidelines?|directions?|directives?|messages?|context|guardrails?|constraints)\b", Words)]
    private static partial Regex IgnoreInstructions();

    [GeneratedRegex(@"\b(you\s+(must|should|will|shall|need\s+to)\s+now|from\s+now\s+on,?\s+(you|always|never|only)|you\s+are\s+now\b|new\s+instructions?\s*:|disregard\s+(everything|anything|all|that|this)\b)", Words)]
    private static partial Regex YouMustNow();

    [GeneratedRegex(@"(\bsystem\s+prompt\b|\bsystem\s+message\b|<\|?\s*(system|im_start|im_end)\s*\|?>|\[/?(system|INST)\]|^\s*(system|assistant)\s*:)", Words)]
    private static partial Regex SystemPrompt();

    [GeneratedRegex(@"\b(pretend\s+(to\s+be|you\s+are|that\s+you)|role-?play(ing)?\s+as|act\s+as\s+if\s+you|you\s+are\s+no\s+longer|stay\s+in\s+character|as\s+an\s+unrestricted)\b", Words)]
    private static partial Regex RolePlay();

    [GeneratedRegex(@"\b(jailbreak\w*|do\s+anything\s+now|DAN\s+mode|developer\s+mode\s+(enabled|on)|(ignore|bypass|disable)\s+(your|the|all|any)\s+(safety|content)\s+(filters?|policy|policies|rules))\b", Words)]
    private static partial Regex Jailbreak();

    [GeneratedRegex(@"\b(reveal|print|repeat|show|output|leak|dump)\s+(your|the)\s+(hidden\s+|original\s+|initial\s+)?(instructions|prompt)\b", Words)]
    private static partial Regex RevealPrompt();

    [GeneratedRegex(@"\b(https?|ftp|sftp)://[^\s)\]>""']+|\bwww\.[a-z0-9-]+\.[a-z]{2,}[^\s)\]>""']*", Words)]
    private static partial Regex Link();

    [GeneratedRegex(@"\b(curl|wget|Invoke-WebRequest|iwr)\b", Words)]
    private static partial Regex FetchTool();

    // "download/fetch ... from <host>": a verb alone is ordinary ("fetch the rows from the database").
    [GeneratedRegex(@"\b(download|fetch|pull|retrieve|get)\w*\b[^.;]{0,60}?\bfrom\s+[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|org|net|io|dev|ai|co|sh|xyz|ru|cn|app|info|me|site|top|cc|tk|link|gg|to|so)\b", Words)]
    private static partial Regex FetchFromHost();
}
