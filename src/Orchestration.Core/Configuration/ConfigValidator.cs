using Orchestration.Core.Domain;

namespace Orchestration.Core.Configuration;

/// <summary>Startup validation of values (docs/config.md, "How the file is read"). Each message names the
/// key.</summary>
public static partial class ConfigValidator
{
    private static readonly string[] Tiers = ["ollama", "haiku", "sonnet", "opus"];
    private static readonly string[] Complexities = ["simple", "medium", "complex"];

    public static IEnumerable<string> Validate(OrchestrationConfig c)
    {
        if (c.Server.Port is < 1 or > 65535)
        {
            yield return $"'server.port' must be between 1 and 65535 (got {c.Server.Port}).";
        }
        if (!RateLimitSpec.TryParse(c.Server.RateLimit, out _))
        {
            yield return $"'server.rate_limit' must look like '60/minute' (N per second, minute, hour or day); got '{c.Server.RateLimit}'.";
        }
        foreach (var origin in c.Server.CorsOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                yield return $"'server.cors_origins' entry '{origin}' is not an http(s) URL.";
            }
        }
        if (c.Server.LogFormat is not ("json" or "text"))
        {
            yield return $"'server.log_format' must be 'json' or 'text' (got '{c.Server.LogFormat}').";
        }
        // NOTE: a provider without a backend must stop the server, not run it silently on another one.
        if (!DatabaseOptions.Providers.Contains(c.Database.Provider))
        {
            yield return $"'database.provider' must be one of the storage backends there are: "
                + $"{string.Join(", ", DatabaseOptions.Providers.Select(p => $"'{p}'"))} (got '{c.Database.Provider}'). "
                + $"Remove the key to use '{DatabaseOptions.Sqlite}'.";
        }
        if (c.Database.Provider == DatabaseOptions.Postgres && string.IsNullOrWhiteSpace(c.Database.ConnectionString))
        {
            yield return $"'database.connection_string' is required when 'database.provider' is '{DatabaseOptions.Postgres}': set it to the "
                + "PostgreSQL database's connection string, e.g. \"Host=db;Port=5432;Database=orch;Username=orch;Password=...\" "
                + "(or the environment variable ORCH_DATABASE__CONNECTION_STRING).";
        }
        if (!WireNames.TryParse<KnowledgePolicy>(c.Execution.KnowledgePolicy, out _))
        {
            yield return $"'execution.knowledge_policy' must be one of {string.Join(", ", WireNames.AllowedValues<KnowledgePolicy>())} "
                + $"(got '{c.Execution.KnowledgePolicy}'): auto accepts new findings at once, review holds them for a person, "
                + "screen holds only those that look like an instruction, a secret or a URL.";
        }
        if (c.Providers.Default is not ("auto" or "anthropic" or "openai" or "ollama" or "simulated"))
        {
            yield return $"'providers.default' must be one of auto, anthropic, openai, ollama, simulated (got '{c.Providers.Default}').";
        }
        foreach (var (name, value) in new (string, decimal)[]
                 {
                     ("budget.daily_limit_usd", c.Budget.DailyLimitUsd), ("budget.monthly_limit_usd", c.Budget.MonthlyLimitUsd),
                     ("budget.per_project_limit_usd", c.Budget.PerProjectLimitUsd),
                 })
        {
            if (value < 0)
            {
                yield return $"'{name}' must be ≥ 0 (got {value}).";
            }
        }
        if (c.Budget.WarnAtPct is <= 0 or > 100)
        {
            yield return $"'budget.warn_at_pct' must be in (0, 100] (got {c.Budget.WarnAtPct}).";
        }
        foreach (var (name, value) in new (string, double)[]
                 {
                     ("anthropic.timeout", c.Anthropic.Timeout), ("ollama.embed_timeout", c.Ollama.EmbedTimeout),
                     ("ollama.generate_timeout", c.Ollama.GenerateTimeout), ("comfyui.timeout", c.Comfyui.Timeout),
                     ("comfyui.poll_interval", c.Comfyui.PollInterval),
                     ("execution.http_client_timeout", c.Execution.HttpClientTimeout),
                     ("execution.shutdown_grace_seconds", c.Execution.ShutdownGraceSeconds),
                     ("auth.access_token_expire_minutes", c.Auth.AccessTokenExpireMinutes),
                     ("auth.refresh_token_expire_days", c.Auth.RefreshTokenExpireDays),
                     ("auth.sse_token_expire_seconds", c.Auth.SseTokenExpireSeconds),
                     ("auth.login_lockout_window_seconds", c.Auth.LoginLockoutWindowSeconds),
                     ("git.command_timeout", c.Git.CommandTimeout),
                 })
        {
            if (value <= 0)
            {
                yield return $"'{name}' must be > 0 seconds/minutes/days (got {value}).";
            }
        }
        foreach (var (name, value, min) in new (string, int, int)[]
                 {
                     ("execution.max_concurrent_tasks", c.Execution.MaxConcurrentTasks, 1),
                     ("anthropic.max_concurrent", c.Anthropic.MaxConcurrent, 1),
                     ("execution.max_tool_rounds", c.Execution.MaxToolRounds, 1),
                     ("execution.default_max_tokens", c.Execution.DefaultMaxTokens, 1),
                     ("execution.auto_retries", c.Execution.AutoRetries, 0),
                     ("execution.max_task_retries", c.Execution.MaxTaskRetries, 0),
                     ("execution.context_forward_max_chars", c.Execution.ContextForwardMaxChars, 0),
                     ("execution.verification_max_tokens", c.Execution.VerificationMaxTokens, 1),
                     ("execution.verification_output_max_chars", c.Execution.VerificationOutputMaxChars, 1),
                     ("execution.knowledge_extraction_max_tokens", c.Execution.KnowledgeExtractionMaxTokens, 1),
                     ("execution.knowledge_injection_max_chars", c.Execution.KnowledgeInjectionMaxChars, 0),
                     ("execution.knowledge_min_output_length", c.Execution.KnowledgeMinOutputLength, 0),
                     ("execution.max_history_rounds", c.Execution.MaxHistoryRounds, 1),
                     ("execution.tool_max_file_bytes", c.Execution.ToolMaxFileBytes, 1),
                     ("anthropic.max_retries", c.Anthropic.MaxRetries, 0),
                     ("auth.login_lockout_threshold", c.Auth.LoginLockoutThreshold, 1),
                     ("simulated.latency_ms", c.Simulated.LatencyMs, 0),
                     ("simulated.latency_jitter_ms", c.Simulated.LatencyJitterMs, 0),
                 })
        {
            if (value < min)
            {
                yield return $"'{name}' must be ≥ {min} (got {value}).";
            }
        }
        if (c.Simulated.FailureRate is < 0 or > 1)
        {
            yield return $"'simulated.failure_rate' must be between 0 and 1 (got {c.Simulated.FailureRate}).";
        }
        foreach (var error in ValidateOllama(c.Ollama).Concat(ValidateRag(c.Rag)).Concat(ValidateGit(c.Git)).Concat(ValidateNotifications(c.Notifications, c.Execution.WaitExpiry)))
        {
            yield return error;
        }
        if (c.Auth.SecretKey is { } secret)
        {
            if (secret.StartsWith("CHANGE-ME", StringComparison.OrdinalIgnoreCase) || secret.StartsWith("CHANGE_ME", StringComparison.OrdinalIgnoreCase))
            {
                yield return "'auth.secret_key' is still the placeholder. Generate one with `openssl rand -hex 32`, or remove the key to have one generated and kept in the data directory.";
            }
            else if (secret.Length < 32)
            {
                yield return $"'auth.secret_key' must be at least 32 characters (got {secret.Length}). Generate one with `openssl rand -hex 32`.";
            }
        }
        if (c.Auth.Algorithm is not ("HS256" or "HS384" or "HS512"))
        {
            yield return $"'auth.algorithm' must be HS256, HS384 or HS512 (got '{c.Auth.Algorithm}').";
        }
        if (!Tiers.Contains(c.Routing.DefaultTier))
        {
            yield return $"'routing.default_tier' must be one of {string.Join(", ", Tiers)} (got '{c.Routing.DefaultTier}').";
        }
        foreach (var (taskType, row) in c.Routing.Table)
        {
            foreach (var (complexity, tier) in row)
            {
                if (!Complexities.Contains(complexity))
                {
                    yield return $"'routing.table.{taskType}.{complexity}': complexity must be one of {string.Join(", ", Complexities)}.";
                }
                if (!Tiers.Contains(tier))
                {
                    yield return $"'routing.table.{taskType}.{complexity}' must be one of {string.Join(", ", Tiers)} (got '{tier}').";
                }
            }
        }
        foreach (var (model, price) in c.ModelPricing)
        {
            if (price.InputPerMtok < 0 || price.OutputPerMtok < 0 || price.CacheReadPerMtok < 0 || price.CacheWritePerMtok < 0)
            {
                yield return $"'model_pricing.{model}' prices must be ≥ 0.";
            }
        }
        // NOTE: an unpriced paid model would bypass the caps, so the server refuses to start.
        foreach (var (key, model) in PaidModels(c))
        {
            if (!c.ModelPricing.ContainsKey(model))
            {
                yield return $"'{key}' names model '{model}', which has no 'model_pricing' entry. Add \"model_pricing\": {{\"{model}\": {{\"input_per_mtok\": ..., \"output_per_mtok\": ...}}}}.";
            }
        }
    }

    private static IEnumerable<string> ValidateOllama(OllamaOptions ollama)
    {
        foreach (var (model, hosts) in ollama.ModelHosts)
        {
            if (hosts is null || hosts.Count == 0)
            {
                yield return $"'ollama.model_hosts.{model}' lists no host: name at least one of 'ollama.hosts', or remove the entry to let any host serve it.";
                continue;
            }
            foreach (var host in hosts.Where(h => !ollama.Hosts.ContainsKey(h)))
            {
                yield return $"'ollama.model_hosts.{model}' names host '{host}', which is not in 'ollama.hosts' "
                    + $"(known: {string.Join(", ", ollama.Hosts.Keys.Select(k => $"'{k}'"))}).";
            }
        }
    }

    private static IEnumerable<string> ValidateRag(RagOptions rag)
    {
        if (rag.Embedder is not (RagOptions.MiniLmEmbedder or RagOptions.OllamaEmbedder))
        {
            yield return $"'rag.embedder' must be '{RagOptions.MiniLmEmbedder}' or '{RagOptions.OllamaEmbedder}' (got '{rag.Embedder}').";
        }
        if (rag.EmbedDimensions < 1)
        {
            yield return $"'rag.embed_dimensions' must be ≥ 1 (got {rag.EmbedDimensions}).";
        }
        if (rag.MaxTopK < 1)
        {
            yield return $"'rag.max_top_k' must be ≥ 1 (got {rag.MaxTopK}).";
        }
        if (rag.AnnMinChunks < 0)
        {
            yield return $"'rag.ann_min_chunks' must be ≥ 0 (got {rag.AnnMinChunks}).";
        }
        if (rag.DefaultTopK < 1 || rag.DefaultTopK > rag.MaxTopK)
        {
            yield return $"'rag.default_top_k' must be between 1 and 'rag.max_top_k' ({rag.MaxTopK}) (got {rag.DefaultTopK}).";
        }
        foreach (var (name, path) in rag.Databases)
        {
            // The name is a URL segment (/api/rag/databases/{name}).
            if (name.Length is 0 or > 64 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-' or '.'))
            {
                yield return $"'rag.databases' name '{name}' must be 1–64 characters of letters, digits, '_', '-' or '.'.";
            }
            if (string.IsNullOrWhiteSpace(path))
            {
                yield return $"'rag.databases.{name}' must be a file path.";
            }
        }
    }

    /// <summary>Every configured model that costs money, with the key that names it.</summary>
    public static IEnumerable<(string Key, string Model)> PaidModels(OrchestrationConfig c)
    {
        yield return ("anthropic.planning_model", c.Anthropic.PlanningModel);
        foreach (var (tier, model) in c.Anthropic.Models)
        {
            yield return ($"anthropic.models.{tier}", model);
        }
        if (c.Execution.VerificationEnabled)
        {
            yield return ("execution.verification_model", c.Execution.VerificationModel);
        }
        if (c.Execution.KnowledgeExtractionEnabled)
        {
            yield return ("execution.knowledge_extraction_model", c.Execution.KnowledgeExtractionModel);
        }
        if (!string.IsNullOrEmpty(c.Openai.BaseUrl))
        {
            foreach (var (tier, model) in c.Openai.Models)
            {
                yield return ($"openai.models.{tier}", model);
            }
        }
    }
}
