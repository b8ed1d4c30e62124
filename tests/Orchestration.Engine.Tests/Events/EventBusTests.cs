using Orchestration.Engine.Events;
using Orchestration.Storage.Events;

namespace Orchestration.Engine.Tests.Events;

public sealed class EventBusTests
{
    private static StoredEvent Event(string project, long seq) =>
        new() { ProjectId = project, Seq = seq, Type = "task_start", Message = "m", DataJson = """{"wave":2}""", CreatedAt = 1.5 };

    [Fact]
    public void A_slow_subscriber_is_cut_off_without_holding_up_the_publisher_or_the_others()
    {
        var bus = new EventBus(new EventBusOptions { SubscriberBufferSize = 3 });
        using var slow = bus.Subscribe("p");
        using var fast = bus.Subscribe("p");
        var fastReceived = new List<long>();

        for (var seq = 1; seq <= 10; seq++)
        {
            bus.Publish([Event("p", seq)]);
            while (fast.Reader.TryRead(out var e))
            {
                fastReceived.Add(e.Event.Seq);
            }
        }

        Assert.True(slow.Overflowed);
        Assert.False(fast.Overflowed);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), fastReceived);
        var buffered = new List<long>();
        while (slow.Reader.TryRead(out var e))
        {
            buffered.Add(e.Event.Seq);
        }
        Assert.Equal([1L, 2, 3], buffered);
        Assert.True(slow.Reader.Completion.IsCompleted);
    }

    [Fact]
    public void Subscribers_get_only_their_project_and_stop_getting_events_once_disposed()
    {
        var bus = new EventBus(new EventBusOptions());
        var a = bus.Subscribe("a");
        using var b = bus.Subscribe("b");

        bus.Publish([Event("a", 1), Event("b", 1)]);
        a.Dispose();
        bus.Publish([Event("a", 2)]);

        Assert.True(a.Reader.TryRead(out var only));
        Assert.Equal(("a", 1L), (only.Event.ProjectId, only.Event.Seq));
        Assert.False(a.Reader.TryRead(out _));
        Assert.True(b.Reader.TryRead(out _));
    }

    [Fact]
    public void The_wire_json_has_the_fixed_fields_then_the_optional_ones()
    {
        var json = EventJson.Serialize(new StoredEvent
        {
            ProjectId = "p", Seq = 7, Run = 2, Type = "wave_checkpoint", Message = "w", TaskId = "t",
            DataJson = """{"wave":1,"next_wave":2,"type":"ignored"}""", CreatedAt = 1700000000.25,
        });

        Assert.Equal(
            """{"type":"wave_checkpoint","message":"w","timestamp":1700000000.25,"project_id":"p","seq":7,"run":2,"task_id":"t","wave":1,"next_wave":2}""",
            json);
    }
}
