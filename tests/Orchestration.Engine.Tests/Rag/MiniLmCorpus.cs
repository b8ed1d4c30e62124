using Orchestration.Engine.Rag;

namespace Orchestration.Engine.Tests.Rag;

/// <summary>Ten one-sentence documents on unrelated topics, ingested once with the real embedded MiniLM model.</summary>
public sealed class MiniLmCorpus : IAsyncLifetime
{
    public const string Recovery = "Forgot your sign-in secret? Use the account recovery link on the login page to choose a new one.";
    public const string Quota = "ERR_QUOTA_42 is raised when a project exceeds its storage quota.";

    private RagHarness? _harness;

    internal RagHarness Harness => _harness!;

    public static IReadOnlyList<RagDocumentInput> Documents { get; } =
    [
        RagHarness.Doc("account-help", Recovery),
        RagHarness.Doc("errors", Quota, "QuotaError"),
        RagHarness.Doc("cooking", "Simmer the tomatoes with garlic and basil for twenty minutes."),
        RagHarness.Doc("astronomy", "Jupiter is the largest planet in the solar system, with dozens of moons."),
        RagHarness.Doc("networking", "A firewall blocks incoming connections that are not explicitly allowed."),
        RagHarness.Doc("gardening", "Water the seedlings every morning and keep them out of direct afternoon sun."),
        RagHarness.Doc("billing", "Invoices are emailed on the first day of each month and can be paid by card."),
        RagHarness.Doc("engine", "The scheduler dispatches ready tasks to free workers as soon as their dependencies complete.", "Scheduler"),
        RagHarness.Doc("sports", "The marathon route passes the old harbour before finishing at the stadium."),
        RagHarness.Doc("music", "The orchestra tuned to a single note played by the oboe before the concert."),
    ];

    public async ValueTask InitializeAsync()
    {
        _harness = new RagHarness();
        await _harness.Catalog.AddDocumentsAsync("docs", Documents, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }
}
