using Orchestration.Core.Domain;
using Orchestration.Core.Events;
using Orchestration.Core.Lifecycle;
using Orchestration.Engine.Events;
using Orchestration.Storage.Events;
using Orchestration.Storage.Execution;
using Orchestration.Storage.Knowledge;

namespace Orchestration.Engine.Knowledge;

internal sealed class KnowledgeControl(IExecutionDatabase database, IEventBus bus, TimeProvider time) : IKnowledgeControl
{
    public async Task<KnowledgeRecord?> ReviewAsync(string ownerId, string knowledgeId, KnowledgeStatus to, CancellationToken cancellationToken)
    {
        var now = time.NowEpoch();
        var committed = await database.WriteAsync<Committed<KnowledgeRecord>?>(async t =>
        {
            if (await t.OwnedFindingAsync(ownerId, knowledgeId) is not { } finding)
            {
                return null;
            }
            KnowledgeTransitions.EnsureCanMove(WireNames.Parse<KnowledgeStatus>(finding.Status), to);
            var updated = await t.UpdateFindingAsync(finding.ProjectId,
                new FindingUpdate(finding.Id, finding.Status, to.ToWire()) { ReviewedBy = ownerId }, now)
                ?? throw new IllegalTransitionException("finding", finding.Status, to.ToWire());
            var reviewed = PeopleEvents.KnowledgeReviewed(updated.ProjectId, updated.Id, updated.Source, to == KnowledgeStatus.Accepted, ownerId, updated.Content);
            return new Committed<KnowledgeRecord>(updated, [await t.AppendAsync(reviewed, now)]);
        }, cancellationToken);
        return Announce(committed);
    }

    public async Task<KnowledgeChange?> EditAsync(string ownerId, string knowledgeId, string? content, KnowledgeCategory? category,
        CancellationToken cancellationToken)
    {
        var now = time.NowEpoch();
        var committed = await database.WriteAsync<Committed<KnowledgeChange>?>(async t =>
        {
            if (await t.OwnedFindingAsync(ownerId, knowledgeId) is not { } finding)
            {
                return null;
            }
            if (content is not null && await t.FindingByContentAsync(finding.ProjectId, content) is { } same && same.Id != finding.Id)
            {
                return new Committed<KnowledgeChange>(new KnowledgeChange(null, same), []);
            }
            var accepted = KnowledgeStatus.Accepted.ToWire();
            var updated = await t.UpdateFindingAsync(finding.ProjectId, new FindingUpdate(finding.Id, finding.Status, accepted)
            {
                Content = content, Category = category?.ToWire(), ReviewedBy = ownerId, EditedBy = ownerId,
            }, now) ?? throw new IllegalTransitionException("finding", finding.Status, accepted);
            // Editing a waiting or rejected finding lets it into prompts: say so, as an accept would.
            IReadOnlyList<StoredEvent> events = finding.Status == accepted
                ? []
                : [await t.AppendAsync(PeopleEvents.KnowledgeReviewed(updated.ProjectId, updated.Id, updated.Source, true, ownerId, updated.Content), now)];
            return new Committed<KnowledgeChange>(new KnowledgeChange(updated, null), events);
        }, cancellationToken);
        return Announce(committed);
    }

    public async Task<KnowledgeChange?> AddAsync(string ownerId, string projectId, KnowledgeCategory category, string content,
        CancellationToken cancellationToken)
    {
        var now = time.NowEpoch();
        var committed = await database.WriteAsync<Committed<KnowledgeChange>?>(async t =>
        {
            if (await t.ProjectAsync(projectId, ownerId) is null)
            {
                return null;
            }
            if (await t.FindingByContentAsync(projectId, content) is { } same)
            {
                return new Committed<KnowledgeChange>(new KnowledgeChange(null, same), []);
            }
            var finding = new NewFinding(category.ToWire(), content)
            {
                Source = KnowledgeSource.Person.ToWire(), AddedBy = ownerId, Status = KnowledgeStatus.Accepted.ToWire(),
            };
            var added = await t.AddFindingsAsync(projectId, null, [finding], now);
            return new Committed<KnowledgeChange>(new KnowledgeChange(added.Single(), null), []);
        }, cancellationToken);
        return Announce(committed);
    }

    private T? Announce<T>(Committed<T>? committed) where T : class
    {
        if (committed is null)
        {
            return null;
        }
        bus.Publish(committed.Events);
        return committed.Value;
    }
}
