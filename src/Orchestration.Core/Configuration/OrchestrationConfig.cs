using System.Text.Json.Nodes;

namespace Orchestration.Core.Configuration;

/// <summary>
/// The whole config.json (docs/config.md). Property names map to snake_case keys. Every key has a default,
/// so an absent file means a working server.
/// </summary>
public sealed class OrchestrationConfig
{
    public ServerOptions Server { get; set; } = new();
    public DatabaseOptions Database { get; set; } = new();
    public ProvidersOptions Providers { get; set; } = new();
    public AnthropicOptions Anthropic { get; set; } = new();
    public OllamaOptions Ollama { get; set; } = new();
    public OpenAIOptions Openai { get; set; } = new();
    public SimulatedOptions Simulated { get; set; } = new();
    public ComfyUIOptions Comfyui { get; set; } = new();
    public RagOptions Rag { get; set; } = new();
    public BudgetOptions Budget { get; set; } = new();
    public ExecutionOptions Execution { get; set; } = new();
    public Dictionary<string, ModelPrice> ModelPricing { get; set; } = ModelPrice.Defaults();
    public RoutingOptions Routing { get; set; } = new();
    public GitOptions Git { get; set; } = new();
    public NotificationsOptions Notifications { get; set; } = new();
    public double ResourceCheckIntervalSec { get; set; } = 30;
    public AuthOptions Auth { get; set; } = new();
}

public sealed class ServerOptions
{
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 5200;
    public List<string> CorsOrigins { get; set; } = ["http://localhost:5173"];
    /// <summary>"N/second|minute|hour|day" for every API client; auth routes get a fifth of it (at least 5).</summary>
    public string RateLimit { get; set; } = "60/minute";
    public string LogFormat { get; set; } = "text";
    public string LogLevel { get; set; } = "INFO";
    public string DataDir { get; set; } = "./data";
    /// <summary>Accepted for compatibility with original configs; ignored.</summary>
    public JsonNode? Reload { get; set; }
    public long MaxRequestBodyBytes { get; set; } = 1_048_576;
    /// <summary>OTLP/HTTP collector base URL (e.g. http://127.0.0.1:4318) for traces and metrics; null = no export.</summary>
    public string? OtlpEndpoint { get; set; }
}

public sealed class DatabaseOptions
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>The storage backends there are; the server registers the one named by <see cref="Provider"/>.</summary>
    public static readonly IReadOnlyList<string> Providers = [Sqlite, Postgres];

    public string Provider { get; set; } = Sqlite;
    /// <summary>The SQLite file (sqlite only).</summary>
    public string Path { get; set; } = "<data_dir>/orchestration.db";
    /// <summary>The Npgsql connection string of the PostgreSQL database (postgres only, required there), e.g.
    /// "Host=db;Port=5432;Database=orch;Username=orch;Password=...". The database must exist; the server creates its
    /// tables. Unused by SQLite.</summary>
    public string? ConnectionString { get; set; }
}

public sealed class ProvidersOptions
{
    /// <summary>auto: anthropic when a key is set, else simulated. Or one of anthropic, openai, ollama, simulated.</summary>
    public string Default { get; set; } = "auto";
}

public sealed class AnthropicOptions
{
    public string? ApiKey { get; set; }
    public string BaseUrl { get; set; } = "https://api.anthropic.com";
    public string PlanningModel { get; set; } = "claude-sonnet-4-6";
    public Dictionary<string, string> Models { get; set; } = new()
    {
        ["haiku"] = "claude-haiku-4-5-20251001",
        ["sonnet"] = "claude-sonnet-4-6",
        ["opus"] = "claude-opus-4-6",
    };
    public int MaxConcurrent { get; set; } = 3;
    public double Timeout { get; set; } = 120;
    public int MaxRetries { get; set; } = 4;
    public bool PromptCaching { get; set; } = true;
}

public sealed class OllamaOptions
{
    public Dictionary<string, string> Hosts { get; set; } = new() { ["local"] = "http://localhost:11434" };
    /// <summary>Model name → the names of the <see cref="Hosts"/> that may serve it; a model not listed may run on any host that has it.</summary>
    public Dictionary<string, List<string>> ModelHosts { get; set; } = [];
    public string DefaultModel { get; set; } = "qwen2.5-coder:14b";
    public string EmbedModel { get; set; } = "nomic-embed-text";
    public double EmbedTimeout { get; set; } = 30.0;
    public double GenerateTimeout { get; set; } = 120.0;
}

public sealed class OpenAIOptions
{
    public string? BaseUrl { get; set; }
    public string? ApiKey { get; set; }
    /// <summary>tier → model name on the OpenAI-compatible server.</summary>
    public Dictionary<string, string> Models { get; set; } = [];
}

public sealed class SimulatedOptions
{
    public int LatencyMs { get; set; } = 200;
    public int LatencyJitterMs { get; set; } = 100;
    public int Seed { get; set; } = 42;
    public double FailureRate { get; set; }
}

public sealed class ComfyUIOptions
{
    public Dictionary<string, string> Hosts { get; set; } = new() { ["local"] = "http://localhost:8188" };
    public double PollInterval { get; set; } = 2.0;
    public double Timeout { get; set; } = 300;
    public string DefaultCheckpoint { get; set; } = "sd_xl_base_1.0.safetensors";
}

public sealed class RagOptions
{
    public const string MiniLmEmbedder = "minilm";
    public const string OllamaEmbedder = "ollama";

    /// <summary>Database name (used in URLs) → SQLite file; each file is created on its first write.</summary>
    public Dictionary<string, string> Databases { get; set; } = new() { ["docs"] = "<data_dir>/rag/docs.db" };
    /// <summary>minilm: the embedded all-MiniLM-L6-v2 model (offline, 384 dimensions). ollama: <c>ollama.embed_model</c>
    /// on the Ollama hosts (balanced as chat is), whose vectors must have <see cref="EmbedDimensions"/>.</summary>
    public string Embedder { get; set; } = MiniLmEmbedder;
    /// <summary>The vector size of the Ollama embedder (the embedded model's is always 384).</summary>
    public int EmbedDimensions { get; set; } = 768;
    public int DefaultTopK { get; set; } = 8;
    public int MaxTopK { get; set; } = 20;
    /// <summary>From this many chunks on, a database is searched through an HNSW index saved beside it (FILE.hnsw)
    /// rather than by comparing every vector.</summary>
    public long AnnMinChunks { get; set; } = 20_000;
    /// <summary>Accepted for compatibility with original configs; ignored.</summary>
    public JsonNode? DiagnosticIngestPath { get; set; }
}

public sealed class BudgetOptions
{
    public decimal DailyLimitUsd { get; set; } = 5.0m;
    public decimal MonthlyLimitUsd { get; set; } = 50.0m;
    public decimal PerProjectLimitUsd { get; set; } = 10.0m;
    public double WarnAtPct { get; set; } = 80;
}

public sealed class ModelPrice
{
    public decimal InputPerMtok { get; set; }
    public decimal OutputPerMtok { get; set; }
    /// <summary>Defaults to 1.25 × the input price when absent.</summary>
    public decimal? CacheWritePerMtok { get; set; }
    /// <summary>Defaults to 0.1 × the input price when absent.</summary>
    public decimal? CacheReadPerMtok { get; set; }

    public decimal EffectiveCacheWritePerMtok => CacheWritePerMtok ?? InputPerMtok * 1.25m;
    public decimal EffectiveCacheReadPerMtok => CacheReadPerMtok ?? InputPerMtok * 0.1m;

    public static Dictionary<string, ModelPrice> Defaults() => new()
    {
        ["claude-haiku-4-5-20251001"] = new() { InputPerMtok = 1.0m, OutputPerMtok = 5.0m, CacheWritePerMtok = 1.25m, CacheReadPerMtok = 0.10m },
        ["claude-sonnet-4-6"] = new() { InputPerMtok = 3.0m, OutputPerMtok = 15.0m },
        ["claude-opus-4-6"] = new() { InputPerMtok = 15.0m, OutputPerMtok = 75.0m },
    };
}

public sealed class GitOptions
{
    public bool Enabled { get; set; }
    public string CommitAuthor { get; set; } = "Orchestration Engine <orchestration@local>";
    public string BranchPrefix { get; set; } = "orch";
    public string NonCodeOutputPath { get; set; } = ".orchestration";
    public double CommandTimeout { get; set; } = 30;
    public bool AutoPr { get; set; }
    public string PrRemote { get; set; } = "origin";
}
