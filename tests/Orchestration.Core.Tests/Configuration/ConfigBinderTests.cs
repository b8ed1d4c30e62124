using System.Collections;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;

namespace Orchestration.Core.Tests.Configuration;

public sealed class ConfigBinderTests
{
    private static readonly Hashtable NoEnvironment = [];

    [Fact]
    public void No_file_means_the_documented_defaults()
    {
        var config = ConfigBinder.Bind(null, NoEnvironment);
        Assert.Equal(5200, config.Server.Port);
        Assert.Equal(5.00m, config.Budget.DailyLimitUsd);
        Assert.Equal("haiku", config.Routing.Table["code"]["simple"]);
        Assert.Equal(3.75m, config.ModelPricing["claude-sonnet-4-6"].EffectiveCacheWritePerMtok);
    }

    [Fact]
    public void Snake_case_keys_bind_and_underscore_keys_are_comments()
    {
        var config = ConfigBinder.Bind("""
            { "_comment": "ignored", "budget": { "daily_limit_usd": 2.5, "_note": "x" }, "execution": { "max_concurrent_tasks": 7 } }
            """, NoEnvironment);
        Assert.Equal(2.5m, config.Budget.DailyLimitUsd);
        Assert.Equal(7, config.Execution.MaxConcurrentTasks);
    }

    [Fact]
    public void Ollama_model_hosts_bind_model_names_with_colons_to_host_lists()
    {
        var config = ConfigBinder.Bind("""
            { "ollama": { "hosts": { "gpu1": "http://gpu1:11434", "gpu2": "http://gpu2:11434" }, "model_hosts": { "qwen2.5-coder:14b": ["gpu2", "gpu1"] } } }
            """, NoEnvironment);
        Assert.Equal(["gpu2", "gpu1"], config.Ollama.ModelHosts["qwen2.5-coder:14b"]);
    }

    [Fact]
    public void An_unknown_key_is_named_with_the_nearest_known_key()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigBinder.Bind("""{ "budget": { "daily_limit_usdd": 1 } }""", NoEnvironment));
        var error = Assert.Single(ex.Errors);
        Assert.Contains("budget.daily_limit_usdd", error, StringComparison.Ordinal);
        Assert.Contains("daily_limit_usd'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_variables_override_the_file()
    {
        var env = new Hashtable { ["ORCH_BUDGET__DAILY_LIMIT_USD"] = "2", ["ORCH_SERVER__HOST"] = "0.0.0.0", ["ANTHROPIC_API_KEY"] = "sk-test" };
        var config = ConfigBinder.Bind("""{ "budget": { "daily_limit_usd": 9 } }""", env);
        Assert.Equal(2m, config.Budget.DailyLimitUsd);
        Assert.Equal("0.0.0.0", config.Server.Host);
        Assert.Equal("sk-test", config.Anthropic.ApiKey);
    }

    [Fact]
    public void The_clients_own_variables_are_not_config_overrides()
    {
        var env = new Hashtable
        {
            ["ORCH_SERVER"] = "http://127.0.0.1:5200", ["ORCH_TOKEN"] = "orch_abc", ["ORCH_PASSWORD"] = "secret-password",
            ["ORCH_CONFIG_HOME"] = "/tmp/orch", ["ORCH_SERVER__PORT"] = "5300",
        };
        var config = ConfigBinder.Bind(null, env);
        Assert.Equal(5300, config.Server.Port);
        Assert.Equal("127.0.0.1", config.Server.Host);
    }

    [Theory]
    [InlineData("""{ "server": { "port": 70000 } }""", "server.port")]
    [InlineData("""{ "auth": { "secret_key": "CHANGE-ME-please" } }""", "openssl rand")]
    [InlineData("""{ "auth": { "secret_key": "short" } }""", "at least 32")]
    [InlineData("""{ "budget": { "daily_limit_usd": -1 } }""", "budget.daily_limit_usd")]
    [InlineData("""{ "server": { "cors_origins": ["ftp://x"] } }""", "cors_origins")]
    [InlineData("""{ "anthropic": { "models": { "haiku": "claude-unpriced" } } }""", "claude-unpriced")]
    [InlineData("""{ "server": { "port": "abc" } }""", "server.port")]
    [InlineData("""{ "server": """, "not valid JSON")]
    [InlineData("""{ "rag": { "embedder": "openai" } }""", "'rag.embedder' must be 'minilm' or 'ollama'")]
    [InlineData("""{ "rag": { "default_top_k": 30, "max_top_k": 20 } }""", "rag.default_top_k")]
    [InlineData("""{ "rag": { "databases": { "my docs": "x.db" } } }""", "'my docs'")]
    [InlineData("""{ "comfyui": { "poll_interval": 0 } }""", "'comfyui.poll_interval' must be > 0")]
    [InlineData("""{ "ollama": { "hosts": { "gpu1": "http://gpu1:11434" }, "model_hosts": { "qwen2.5-coder:14b": ["gpu1", "gpu9"] } } }""", "'ollama.model_hosts.qwen2.5-coder:14b' names host 'gpu9', which is not in 'ollama.hosts' (known: 'gpu1')")]
    [InlineData("""{ "ollama": { "model_hosts": { "llama3": [] } } }""", "'ollama.model_hosts.llama3' lists no host")]
    [InlineData("""{ "git": { "commit_author": "Orchestration Engine" } }""", "'git.commit_author' must look like 'Name <email>'")]
    [InlineData("""{ "git": { "commit_author": "Bot <a b@example.com>" } }""", "git.commit_author")]
    [InlineData("""{ "git": { "branch_prefix": "orch..x" } }""", "'git.branch_prefix'")]
    [InlineData("""{ "git": { "branch_prefix": "my branches" } }""", "'git.branch_prefix'")]
    [InlineData("""{ "git": { "non_code_output_path": "../out" } }""", "'git.non_code_output_path'")]
    [InlineData("""{ "git": { "non_code_output_path": ".git/notes" } }""", "'git.non_code_output_path'")]
    [InlineData("""{ "git": { "non_code_output_path": "/tmp/out" } }""", "'git.non_code_output_path'")]
    [InlineData("""{ "git": { "pr_remote": "--upload-pack=x" } }""", "'git.pr_remote'")]
    [InlineData("""{ "git": { "command_timeout": 0 } }""", "'git.command_timeout'")]
    [InlineData("""{ "notifications": { "webhooks": [{ "url": "not a url", "secret": "s3cret-value" }] } }""", "'notifications.webhooks[0].url' must be an absolute http(s) URL")]
    [InlineData("""{ "notifications": { "webhooks": [{ "url": "ftp://hooks.example.com/x", "secret": "s3cret-value" }] } }""", "'notifications.webhooks[0].url'")]
    [InlineData("""{ "notifications": { "webhooks": [{ "url": "https://user:pw@hooks.example.com/x", "secret": "s3cret-value" }] } }""", "without user:password@")]
    [InlineData("""{ "notifications": { "webhooks": [{ "url": "https://hooks.example.com/x", "secret": " " }] } }""", "'notifications.webhooks[0].secret' must be set")]
    [InlineData("""{ "notifications": { "webhooks": [{ "url": "https://hooks.example.com/x" }] } }""", "'notifications.webhooks[0].secret' must be set")]
    [InlineData("""{ "notifications": { "webhooks": [{ "url": "https://a.example.com/", "secret": "s" }, { "url": "https://a.example.com/", "secret": "t" }] } }""", "'notifications.webhooks[1].url' repeats")]
    [InlineData("""{ "notifications": { "webhooks": [{ "url": "https://a.example.com/", "secret": "s", "events": ["wait", "task_done"] }] } }""", "'task_done' is not a notification kind")]
    [InlineData("""{ "notifications": { "webhooks": [{ "url": "https://a.example.com/", "secret": "s", "secrte": "x" }] } }""", "Unknown key 'notifications.webhooks[0].secrte'. Did you mean 'secret'?")]
    [InlineData("""{ "notifications": { "max_attempts": 0 } }""", "'notifications.max_attempts'")]
    [InlineData("""{ "notifications": { "timeout_seconds": 0 } }""", "'notifications.timeout_seconds' must be > 0")]
    [InlineData("""{ "execution": { "wait_expiry": { "action": "retry" } } }""", "'execution.wait_expiry.action' must be one of approve, skip, fail, none")]
    [InlineData("""{ "execution": { "wait_expiry": { "after_hours": 0, "action": "fail" } } }""", "'execution.wait_expiry.after_hours' must be > 0")]
    public void Bad_values_are_refused_naming_the_key(string json, string expected)
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigBinder.Bind(json, NoEnvironment));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Webhooks_and_wait_expiry_bind_and_a_secret_never_appears_in_an_error()
    {
        var config = ConfigBinder.Bind(
            """
            { "notifications": { "webhooks": [{ "url": "https://hooks.example.com/orch", "secret": "s3cret-value", "events": ["wait", "project_failed"] },
                                              { "url": "http://127.0.0.1:9000/hook", "secret": "other-secret" }] },
              "execution": { "wait_expiry": { "after_hours": 24, "action": "skip" } } }
            """, NoEnvironment);
        Assert.Equal(["wait", "project_failed"], config.Notifications.Webhooks[0].Events);
        Assert.True(config.Notifications.Webhooks[1].Wants("budget_warning"));
        Assert.False(config.Notifications.Webhooks[0].Wants("budget_warning"));
        Assert.Equal((24.0, "skip"), (config.Execution.WaitExpiry.AfterHours, config.Execution.WaitExpiry.Action));

        var ex = Assert.Throws<ConfigException>(() => ConfigBinder.Bind(
            """{ "notifications": { "webhooks": [{ "url": "hooks.example.com", "secret": "s3cret-value", "events": ["nope"] }] } }""", NoEnvironment));
        Assert.Equal(2, ex.Errors.Count);
        Assert.DoesNotContain("s3cret-value", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_provider_without_a_backend_is_refused_with_the_providers_there_are()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigBinder.Bind("""{ "database": { "provider": "mysql" } }""", NoEnvironment));

        Assert.Equal(
            "'database.provider' must be one of the storage backends there are: 'sqlite', 'postgres' (got 'mysql'). Remove the key to use 'sqlite'.",
            Assert.Single(ex.Errors));
        Assert.Equal("sqlite", ConfigBinder.Bind("""{ "database": { "provider": "sqlite" } }""", NoEnvironment).Database.Provider);
    }

    [Fact]
    public void The_knowledge_policy_is_auto_by_default_and_an_unknown_one_is_refused_with_the_choices()
    {
        Assert.Equal(KnowledgePolicy.Auto, ConfigBinder.Bind("{}", NoEnvironment).Execution.ParsedKnowledgePolicy());
        Assert.Equal(KnowledgePolicy.Screen,
            ConfigBinder.Bind("""{ "execution": { "knowledge_policy": "screen" } }""", NoEnvironment).Execution.ParsedKnowledgePolicy());

        var ex = Assert.Throws<ConfigException>(() => ConfigBinder.Bind("""{ "execution": { "knowledge_policy": "strict" } }""", NoEnvironment));

        Assert.StartsWith("'execution.knowledge_policy' must be one of auto, review, screen (got 'strict')", Assert.Single(ex.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_needs_a_connection_string_and_says_where_to_put_it()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigBinder.Bind("""{ "database": { "provider": "postgres" } }""", NoEnvironment));

        var error = Assert.Single(ex.Errors);
        Assert.StartsWith("'database.connection_string' is required when 'database.provider' is 'postgres'", error, StringComparison.Ordinal);
        Assert.Contains("ORCH_DATABASE__CONNECTION_STRING", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_postgres_connection_string_can_come_from_the_environment()
    {
        const string ConnectionString = "Host=db.internal;Port=5433;Database=orch;Username=orch;Password=s3cret";
        var environment = new Hashtable
        {
            ["ORCH_DATABASE__PROVIDER"] = "postgres",
            ["ORCH_DATABASE__CONNECTION_STRING"] = ConnectionString,
        };

        var config = ConfigBinder.Bind(null, environment);

        Assert.Equal(("postgres", ConnectionString), (config.Database.Provider, config.Database.ConnectionString));
    }

    [Fact]
    public void Git_settings_in_their_documented_forms_are_accepted()
    {
        var config = ConfigBinder.Bind("""
            { "git": { "enabled": true, "commit_author": " Build Bot <bot+ci@example.com> ", "branch_prefix": "ai/runs",
                       "non_code_output_path": "docs/orchestration", "command_timeout": 0.5, "auto_pr": true, "pr_remote": "upstream" } }
            """, NoEnvironment);
        Assert.True(GitAuthor.TryParse(config.Git.CommitAuthor, out var name, out var email));
        Assert.Equal(("Build Bot", "bot+ci@example.com"), (name, email));
        Assert.Equal(("ai/runs", "upstream"), (config.Git.BranchPrefix, config.Git.PrRemote));
    }

    [Fact]
    public void An_original_product_config_loads_unchanged()
    {
        var config = ConfigBinder.Bind("""
            {
              "server": { "host": "0.0.0.0", "port": 5200, "cors_origins": ["http://localhost:5173"], "reload": false, "log_level": "INFO" },
              "anthropic": { "planning_model": "claude-sonnet-4-6", "models": { "haiku": "claude-haiku-4-5-20251001", "sonnet": "claude-sonnet-4-6", "opus": "claude-opus-4-6" }, "max_concurrent": 3, "timeout": 120 },
              "ollama": { "hosts": { "local": "http://localhost:11434", "server": "http://10.0.0.5:11434" }, "default_model": "qwen2.5-coder:14b", "embed_model": "nomic-embed-text" },
              "comfyui": { "hosts": { "local": "http://localhost:8188" }, "poll_interval": 2.0, "timeout": 300 },
              "rag": { "databases": { "docs": "data/rag/docs.db" }, "embed_dimensions": 768, "diagnostic_ingest_path": null },
              "budget": { "daily_limit_usd": 5.0, "monthly_limit_usd": 50.0, "per_project_limit_usd": 10.0, "warn_at_pct": 80 },
              "execution": { "max_concurrent_tasks": 3, "tick_interval_sec": 2.0, "max_tool_rounds": 10, "auto_retries": 2 },
              "model_pricing": { "claude-haiku-4-5-20251001": { "input_per_mtok": 1.0, "output_per_mtok": 5.0 }, "claude-sonnet-4-6": { "input_per_mtok": 3.0, "output_per_mtok": 15.0 }, "claude-opus-4-6": { "input_per_mtok": 15.0, "output_per_mtok": 75.0 } },
              "resource_check_interval_sec": 30,
              "auth": { "secret_key": "0123456789abcdef0123456789abcdef", "access_token_expire_minutes": 30, "allow_registration": true, "oidc_providers": [] },
              "git": { "enabled": false }
            }
            """, NoEnvironment);
        Assert.Equal("0.0.0.0", config.Server.Host);
        Assert.Equal(2, config.Ollama.Hosts.Count);
        Assert.Equal(0.1m, config.ModelPricing["claude-haiku-4-5-20251001"].EffectiveCacheReadPerMtok);
    }
}
