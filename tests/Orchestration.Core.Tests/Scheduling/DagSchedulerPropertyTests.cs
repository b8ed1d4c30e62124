using CsCheck;
using Microsoft.Extensions.Time.Testing;
using Orchestration.Core.Domain;
using Orchestration.Core.Scheduling;

namespace Orchestration.Core.Tests.Scheduling;

/// <summary>
/// Scheduler invariants over generated runs: one or two projects of up to 60 tasks (each depending on random earlier
/// ones, listed in random order, with random priorities, weights and lanes), random global and lane limits, and outcomes
/// (complete, fail, retry later, needs review, requeue) reported for random tasks in flight, with dispatches between
/// them at random. A model of our own follows every step. 300 runs; ORCH_PROPERTY_ITERATIONS=10000 (see
/// <see cref="PropertyIterations"/>) samples that many instead, for a nightly run.
/// </summary>
public sealed class DagSchedulerPropertyTests
{
    private static readonly long Iterations = PropertyIterations.Or(300);
    private static readonly string[] Lanes = ["", "anthropic", "ollama", "openai"];

    /// <summary>Task i depends on DependsOn[i] (all earlier); the scheduler is given the tasks in an order of ListingSeed's.</summary>
    public sealed record Graph(int[][] DependsOn, int[] Priority, int[] Lane, int[] Weight, int ListingSeed)
    {
        public int Count => DependsOn.Length;

        public override string ToString() =>
            $"seed {ListingSeed}: " + string.Join(" ", Enumerable.Range(0, Count).Select(i =>
                $"t{i}[{string.Join(",", DependsOn[i])}]p{Priority[i]}w{Weight[i]}{Lanes[Lane[i]]}"));
    }

    /// <summary>One report: an outcome (0–59 complete, 60–65 fail, 66–75 retry later, 76–81 needs review, 82–94 requeue,
    /// 95–99 the clock moves instead) for the in-flight task at Pick, then a dispatch when DispatchAfter.</summary>
    public readonly record struct Step(int Pick, int Outcome, bool DispatchAfter);

    /// <summary>LaneLimits[k] is the limit of Lanes[k + 1]; 0 means the lane has no limit of its own.</summary>
    public sealed record Run(Graph[] Projects, int MaxConcurrent, int[] LaneLimits, bool SpreadTies, Step[] Steps)
    {
        public override string ToString() =>
            $"max {MaxConcurrent}, lanes [{string.Join(",", LaneLimits)}], spread {SpreadTies}, projects: {string.Join(" | ", Projects.AsEnumerable())}; " +
            $"steps: {string.Join(" ", Steps.Select(s => $"{s.Pick}/{s.Outcome}{(s.DispatchAfter ? "+" : "")}"))}";
    }

    private static readonly Gen<Graph> GraphGen =
        from n in Gen.Int[1, 60]
        from tasks in Gen.Select(Gen.Int[0, 10_000].Array[0, 4], Gen.Int[0, 5], Gen.Int[0, 3], Gen.Int[1, 4]).Array[n]
        from seed in Gen.Int[0, 10_000]
        select new Graph(
            tasks.Select((t, i) => i == 0 ? [] : t.Item1.Select(r => r % i).Distinct().ToArray()).ToArray(),
            tasks.Select(t => t.Item2).ToArray(), tasks.Select(t => t.Item3).ToArray(), tasks.Select(t => t.Item4).ToArray(), seed);

    private static readonly Gen<Run> RunGen = Gen.Select(
        GraphGen.Array[1, 2], Gen.Int[1, 8], Gen.Int[0, 3].Array[3], Gen.Bool,
        Gen.Select(Gen.Int[0, 1000], Gen.Int[0, 99], Gen.Bool, (pick, outcome, dispatch) => new Step(pick, outcome, dispatch)).Array[0, 300],
        (projects, max, lanes, spread, steps) => new Run(projects, max, lanes, spread, steps));

    [Fact]
    public void Dispatches_respect_dependencies_limits_and_outcomes_and_every_task_ends_once()
    {
        RunGen.Sample(run => new Simulation(run).Play(), iter: Iterations, print: run => run.ToString());
    }

    private enum State { Waiting, InFlight, Completed, Failed, Review }

    /// <summary>Drives a scheduler through a run beside a model of what it may do, asserting at every step.</summary>
    private sealed class Simulation
    {
        private readonly Run _run;
        private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_000_000));
        private readonly DagScheduler _scheduler;
        private readonly State[][] _state;
        private readonly double[][] _notBefore;
        private readonly int[][] _completions;
        private readonly int[][] _dispatches;
        private readonly List<(int Project, int Task)> _inFlight = [];

        public Simulation(Run run)
        {
            _run = run;
            var laneLimits = Enumerable.Range(0, run.LaneLimits.Length).Where(k => run.LaneLimits[k] > 0)
                .ToDictionary(k => Lanes[k + 1], k => run.LaneLimits[k]);
            _scheduler = new DagScheduler(new SchedulerLimits(run.MaxConcurrent, laneLimits), _time) { SpreadTies = run.SpreadTies };
            _state = run.Projects.Select(g => new State[g.Count]).ToArray();
            _notBefore = run.Projects.Select(g => new double[g.Count]).ToArray();
            _completions = run.Projects.Select(g => new int[g.Count]).ToArray();
            _dispatches = run.Projects.Select(g => new int[g.Count]).ToArray();
            for (var p = 0; p < run.Projects.Length; p++)
            {
                var g = run.Projects[p];
                var listing = Enumerable.Range(0, g.Count).OrderBy(i => ((i * 7919L) + g.ListingSeed) % 10_007).ThenBy(i => i);
                _scheduler.Activate($"p{p}", listing.Select(i => new ScheduledTask(
                    $"t{i}", g.DependsOn[i].Select(d => $"t{d}").ToArray(), TaskItemStatus.Pending,
                    Priority: g.Priority[i], Index: i, Weight: g.Weight[i], Lane: Lanes[g.Lane[i]])).ToList());
            }
        }

        private double Now => _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

        public void Play()
        {
            var next = 0;
            Dispatch();
            for (var guard = 0; ; guard++)
            {
                Assert.True(guard < 100_000, "the run does not end");
                if (_inFlight.Count == 0)
                {
                    Dispatch();
                    if (_inFlight.Count == 0)
                    {
                        if (_scheduler.NextWakeUp() is not { } wake)
                        {
                            break;
                        }
                        Assert.True(wake > Now, $"a retry due at {wake} was not started at {Now}");
                        _time.SetUtcNow(DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(wake * 1000)));
                        continue;
                    }
                }
                // After the generated steps, every attempt completes: the run must then end.
                var step = next < _run.Steps.Length ? _run.Steps[next++] : default;
                if (step.Outcome >= 95)
                {
                    _time.Advance(TimeSpan.FromSeconds(1 + (step.Pick % 5)));
                }
                else
                {
                    var at = step.Pick % _inFlight.Count;
                    var (p, t) = _inFlight[at];
                    _inFlight.RemoveAt(at);
                    Report(p, t, step);
                }
                if (step.DispatchAfter)
                {
                    Dispatch();
                }
            }
            AssertEnd();
        }

        private void Report(int p, int t, Step step)
        {
            var project = $"p{p}";
            var task = $"t{t}";
            switch (step.Outcome)
            {
                case < 60:
                    _state[p][t] = State.Completed;
                    _completions[p][t]++;
                    var effects = _scheduler.Completed(project, task);
                    foreach (var ready in effects.NewlyReady)
                    {
                        var r = Index(ready);
                        Assert.True(_state[p][r] == State.Waiting && DependenciesCompleted(p, r), $"{project}/{ready} reported ready too early");
                    }
                    break;
                case < 66:
                    _state[p][t] = State.Failed;
                    AssertBlockedDownstream(p, t, _scheduler.Failed(project, task));
                    break;
                case < 76:
                    _state[p][t] = State.Waiting;
                    _notBefore[p][t] = Now + 1 + (step.Pick % 30);
                    _scheduler.RetryLater(project, task, _notBefore[p][t]);
                    break;
                case < 82:
                    _state[p][t] = State.Review;
                    AssertBlockedDownstream(p, t, _scheduler.NeedsReview(project, task));
                    break;
                default:
                    _state[p][t] = State.Waiting;
                    _notBefore[p][t] = 0;
                    _scheduler.Requeued(project, task);
                    break;
            }
        }

        private void Dispatch()
        {
            var now = Now;
            foreach (var d in _scheduler.Dispatch())
            {
                var p = Index(d.ProjectId);
                var t = Index(d.TaskId);
                var g = _run.Projects[p];
                Assert.False(_inFlight.Contains((p, t)), $"{d.ProjectId}/{d.TaskId} was dispatched while already in flight");
                Assert.True(_state[p][t] == State.Waiting, $"{d.ProjectId}/{d.TaskId} was dispatched while {_state[p][t]}");
                Assert.True(DependenciesCompleted(p, t), $"{d.ProjectId}/{d.TaskId} was dispatched before its dependencies completed");
                Assert.True(_notBefore[p][t] <= now, $"{d.ProjectId}/{d.TaskId} was dispatched before its retry time");
                Assert.Equal(Lanes[g.Lane[t]], d.Lane);
                _inFlight.Add((p, t));
                _state[p][t] = State.InFlight;
                _dispatches[p][t]++;
            }

            Assert.True(_inFlight.Count <= _run.MaxConcurrent, $"{_inFlight.Count} in flight over the limit of {_run.MaxConcurrent}");
            Assert.Equal(_inFlight.Count, _scheduler.Running);
            var running = new int[Lanes.Length];
            foreach (var (p, t) in _inFlight)
            {
                running[_run.Projects[p].Lane[t]]++;
            }
            for (var lane = 0; lane < Lanes.Length; lane++)
            {
                Assert.Equal(running[lane], _scheduler.RunningInLane(Lanes[lane]));
                Assert.True(running[lane] <= LimitOf(lane), $"{running[lane]} in flight in lane '{Lanes[lane]}' over its limit of {LimitOf(lane)}");
            }
            // Nothing that may start is left waiting while a slot is free for it.
            if (_inFlight.Count < _run.MaxConcurrent)
            {
                for (var p = 0; p < _run.Projects.Length; p++)
                {
                    for (var t = 0; t < _run.Projects[p].Count; t++)
                    {
                        var lane = _run.Projects[p].Lane[t];
                        Assert.False(_state[p][t] == State.Waiting && DependenciesCompleted(p, t) && _notBefore[p][t] <= now && running[lane] < LimitOf(lane),
                            $"p{p}/t{t} may start but was left waiting with {_inFlight.Count} of {_run.MaxConcurrent} in flight");
                    }
                }
            }
        }

        private void AssertEnd()
        {
            Assert.Equal(0, _scheduler.Running);
            for (var p = 0; p < _run.Projects.Length; p++)
            {
                var project = $"p{p}";
                var stopped = new HashSet<int>();
                for (var t = 0; t < _run.Projects[p].Count; t++)
                {
                    if (_state[p][t] is State.Failed or State.Review)
                    {
                        stopped.UnionWith(Downstream(p, t));
                    }
                }
                for (var t = 0; t < _run.Projects[p].Count; t++)
                {
                    var status = _scheduler.StatusOf(project, $"t{t}");
                    switch (_state[p][t])
                    {
                        case State.Completed:
                            Assert.Equal(TaskItemStatus.Completed, status);
                            Assert.Equal(1, _completions[p][t]);
                            break;
                        case State.Failed:
                            Assert.Equal(TaskItemStatus.Failed, status);
                            break;
                        case State.Review:
                            Assert.Equal(TaskItemStatus.NeedsReview, status);
                            break;
                        default:
                            // Only what lies downstream of a failure or a review is left, blocked and never started.
                            Assert.True(stopped.Contains(t), $"{project}/t{t} never ran though nothing upstream stopped ({_state[p][t]}, {status})");
                            Assert.Equal(TaskItemStatus.Blocked, status);
                            break;
                    }
                    if (stopped.Contains(t))
                    {
                        Assert.True(_dispatches[p][t] == 0, $"{project}/t{t}, downstream of a failure or review, was dispatched");
                    }
                }
                var progress = _scheduler.Progress(project);
                Assert.Equal(
                    _state[p].Contains(State.Review) ? ProjectProgress.WaitingForPeople
                    : _state[p].Contains(State.Failed) ? ProjectProgress.Failed
                    : ProjectProgress.Completed,
                    progress);
            }
        }

        private void AssertBlockedDownstream(int p, int t, IReadOnlyList<string> blocked)
        {
            var downstream = Downstream(p, t);
            Assert.Equal(blocked.Count, blocked.Distinct().Count());
            foreach (var id in blocked)
            {
                Assert.True(downstream.Contains(Index(id)), $"p{p}/{id} was blocked but is not downstream of t{t}");
            }
        }

        /// <summary>Every task that depends on task t, directly or not.</summary>
        private HashSet<int> Downstream(int p, int t)
        {
            var g = _run.Projects[p];
            var found = new HashSet<int>();
            var stack = new Stack<int>([t]);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                for (var d = 0; d < g.Count; d++)
                {
                    if (g.DependsOn[d].Contains(node) && found.Add(d))
                    {
                        stack.Push(d);
                    }
                }
            }
            return found;
        }

        private bool DependenciesCompleted(int p, int t) => _run.Projects[p].DependsOn[t].All(d => _state[p][d] == State.Completed);

        private int LimitOf(int lane) => lane == 0 || _run.LaneLimits[lane - 1] == 0 ? int.MaxValue : _run.LaneLimits[lane - 1];

        private static int Index(string id) => int.Parse(id.AsSpan(1), provider: System.Globalization.CultureInfo.InvariantCulture);
    }
}
