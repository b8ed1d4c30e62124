using Orchestration.Core.Events;
using Orchestration.Core.Notifications;

namespace Orchestration.Core.Tests.Configuration;

public sealed class NotificationKindsTests
{
    [Fact]
    public void Waits_for_people_and_run_outcomes_map_to_their_kinds_and_nothing_else_is_delivered()
    {
        Assert.Equal(NotificationKinds.Wait, NotificationKinds.OfEvent(EventTypes.TaskNeedsReview));
        Assert.Equal(NotificationKinds.Wait, NotificationKinds.OfEvent(EventTypes.Checkpoint));
        Assert.Equal(NotificationKinds.WaitExpired, NotificationKinds.OfEvent(EventTypes.WaitExpired));
        Assert.Equal(NotificationKinds.BudgetWarning, NotificationKinds.OfEvent(EventTypes.BudgetWarning));
        Assert.Null(NotificationKinds.OfEvent(EventTypes.TaskComplete));
        Assert.Null(NotificationKinds.OfEvent(EventTypes.ToolCall));
        // Every kind has at least one event, and every mapped event is in the catalogue.
        Assert.Equal(NotificationKinds.All.Order(), NotificationKinds.Mapping.Select(m => m.Kind).Distinct().Order());
        Assert.All(NotificationKinds.Mapping, m => Assert.NotNull(EventCatalog.Find(m.EventType)));
    }
}
