using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Mcp;

/// <summary>A refused tool call is an ordinary tool error in the log too: no error entry, no stack trace, however many
/// calls a signed-in user makes.</summary>
public sealed class McpRefusalLogTests : IAsyncLifetime
{
    private readonly CollectingLogs _logs = new();
    private OrchestrationApp _app = null!;

    public async ValueTask InitializeAsync() =>
        _app = await OrchestrationApp.StartAsync(configureServices: s => s.AddSingleton<ILoggerProvider>(_logs));

    [Fact]
    public async Task Unknown_tasks_and_stale_attempts_are_logged_as_refusals_not_as_errors()
    {
        var user = await _app.CreateUserAsync();
        await using var worker = await McpWorker.ConnectAsync(_app, user.AccessToken);
        var before = _logs.Entries.Count;

        for (var i = 0; i < 5; i++)
        {
            Assert.Contains("no task 'nope'", await worker.CallErrorAsync("claim_task", new() { ["task_id"] = "nope" }), StringComparison.Ordinal);
            Assert.Contains("no task 'nope'",
                await worker.CallErrorAsync("submit_task", new() { ["task_id"] = "nope", ["attempt"] = 3, ["output"] = "x" }), StringComparison.Ordinal);
        }

        var logged = _logs.Entries.Skip(before).ToList();
        Assert.Empty(logged.Where(e => e.Level >= LogLevel.Warning).Select(e => e.Message));
        Assert.DoesNotContain(logged, e => e.Exception is not null);
        Assert.Equal(10, logged.Count(e => e.Message.StartsWith("MCP tool ", StringComparison.Ordinal) && e.Message.Contains("refused", StringComparison.Ordinal)));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private sealed class CollectingLogs : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CollectingLogs owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Entries.Enqueue((logLevel, formatter(state, exception), exception));
        }
    }
}
