using System.Text.Json.Nodes;

namespace Orchestration.Core.Configuration;

public sealed class ExecutionOptions
{
    public int MaxConcurrentTasks { get; set; } = 3;
    public int MaxToolRounds { get; set; } = 10;
    public int DefaultMaxTokens { get; set; } = 4096;
    public int AutoRetries { get; set; } = 2;
    public int MaxTaskRetries { get; set; } = 5;
    public double RetryBackoffBaseSec { get; set; } = 5.0;
    public double RetryBackoffMaxSec { get; set; } = 120;
    public bool WaveCheckpoints { get; set; }
    public double ResourceSkipSeconds { get; set; } = 30;
    public double HttpClientTimeout { get; set; } = 300.0;
    public double ExternalClaimTimeoutSeconds { get; set; } = 3600;
    public bool DiagnosticRagEnabled { get; set; }
    public int ContextForwardMaxChars { get; set; } = 2000;
    public bool VerificationEnabled { get; set; } = true;
    public string VerificationModel { get; set; } = "claude-haiku-4-5-20251001";
    public int VerificationMaxTokens { get; set; } = 1024;
    /// <summary>At most this many characters of a task's output are sent to the verifier (and to knowledge extraction).</summary>
    public int VerificationOutputMaxChars { get; set; } = 8000;
    public bool CheckpointOnRetryExhausted { get; set; } = true;
    public double ShutdownGraceSeconds { get; set; } = 30;
    public double StaleTaskThresholdSeconds { get; set; } = 300;
    public bool KnowledgeExtractionEnabled { get; set; } = true;
    public string KnowledgeExtractionModel { get; set; } = "claude-haiku-4-5-20251001";
    public int KnowledgeExtractionMaxTokens { get; set; } = 1024;
    public int KnowledgeInjectionMaxChars { get; set; } = 3000;
    public int KnowledgeMinOutputLength { get; set; } = 200;
    /// <summary>auto | review | screen: whether new findings are injected at once, wait for a person, or wait only when the
    /// screen flags them (an instruction to the model, a secret, a URL to fetch).</summary>
    public string KnowledgePolicy { get; set; } = "auto";

    /// <summary>execution.knowledge_policy parsed (validated at start, so it always parses).</summary>
    public Domain.KnowledgePolicy ParsedKnowledgePolicy() =>
        Domain.WireNames.TryParse<Domain.KnowledgePolicy>(KnowledgePolicy, out var policy) ? policy : Domain.KnowledgePolicy.Auto;
    public int MaxHistoryRounds { get; set; } = 4;
    public string WorkspaceRoot { get; set; } = "<data_dir>/workspaces";
    /// <summary>The largest file write_file writes, and the most read_file returns, in bytes.</summary>
    public int ToolMaxFileBytes { get; set; } = 1_048_576;
    /// <summary>What happens to reviews and checkpoints nobody answers (none by default).</summary>
    public WaitExpiryOptions WaitExpiry { get; set; } = new();
    /// <summary>Accepted for compatibility with original configs; the scheduler is event-driven.</summary>
    public JsonNode? TickIntervalSec { get; set; }
}

public sealed class RoutingOptions
{
    /// <summary>task_type → complexity → tier.</summary>
    public Dictionary<string, Dictionary<string, string>> Table { get; set; } = new()
    {
        ["code"] = new() { ["simple"] = "haiku", ["medium"] = "sonnet", ["complex"] = "sonnet" },
        ["research"] = new() { ["simple"] = "ollama", ["medium"] = "haiku", ["complex"] = "sonnet" },
        ["analysis"] = new() { ["simple"] = "ollama", ["medium"] = "haiku", ["complex"] = "sonnet" },
        ["asset"] = new() { ["simple"] = "ollama", ["medium"] = "ollama", ["complex"] = "ollama" },
        ["integration"] = new() { ["simple"] = "haiku", ["medium"] = "haiku", ["complex"] = "sonnet" },
        ["documentation"] = new() { ["simple"] = "ollama", ["medium"] = "haiku", ["complex"] = "sonnet" },
    };
    public string DefaultTier { get; set; } = "haiku";
    public bool EscalateOnGaps { get; set; } = true;
    public bool FallbackWhenOffline { get; set; } = true;
}

public sealed class AuthOptions
{
    public string? SecretKey { get; set; }
    public string Algorithm { get; set; } = "HS256";
    public double AccessTokenExpireMinutes { get; set; } = 30;
    public double RefreshTokenExpireDays { get; set; } = 7;
    public double SseTokenExpireSeconds { get; set; } = 60;
    public bool AllowRegistration { get; set; } = true;
    public int LoginLockoutThreshold { get; set; } = 5;
    public double LoginLockoutWindowSeconds { get; set; } = 300;
    public List<OidcProviderOptions> OidcProviders { get; set; } = [];
    public List<string> OidcRedirectUris { get; set; } = [];
}

public sealed class OidcProviderOptions
{
    public string Name { get; set; } = "";
    public string? DisplayName { get; set; }
    public string Issuer { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    public string Scopes { get; set; } = "openid email profile";
    public bool AutoLinkByEmail { get; set; }
}
