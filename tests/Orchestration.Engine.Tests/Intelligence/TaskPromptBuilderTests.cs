using Microsoft.Extensions.AI;
using Orchestration.Core.Configuration;
using Orchestration.Engine.Execution.Prompts;
using Orchestration.Storage.Execution;
using Orchestration.Storage.Knowledge;

namespace Orchestration.Engine.Tests.Intelligence;

public sealed class TaskPromptBuilderTests
{
    private static TaskPromptBuilder Builder(int knowledgeChars = 3000, int forwardChars = 2000)
    {
        var config = new OrchestrationConfig();
        config.Execution.KnowledgeInjectionMaxChars = knowledgeChars;
        config.Execution.ContextForwardMaxChars = forwardChars;
        return new TaskPromptBuilder(config.Execution);
    }

    private static AttemptContext Context(string title, IReadOnlyList<KnowledgeRecord>? knowledge = null, IReadOnlyList<DependencyOutput>? deps = null,
        string feedbackJson = "[]") =>
        new(new AttemptKey("p1", "t-" + title, "owner", 1),
            new ExecutionTask { Id = "t-" + title, Title = title, TaskType = "code", Description = "Do " + title, FeedbackJson = feedbackJson },
            "u1", "Demo", "[R1] Build it.", "Build then document", deps ?? [])
        { Knowledge = knowledge ?? [] };

    private static KnowledgeRecord Finding(string id, string content) =>
        new() { Id = id, Category = "decision", Content = content, SourceTaskTitle = "Earlier task", TaskId = "t-early" };

    [Fact]
    public void The_stable_prefix_comes_first_and_is_identical_for_every_task_of_the_project()
    {
        var builder = Builder();
        var a = builder.Build(Context("A"), [], []);
        var b = builder.Build(Context("B", [Finding("k1", "Dates are ISO 8601.")]), ["write_file"], []);

        Assert.Equal(ChatRole.System, a.Messages[0].Role);
        Assert.Equal(a.Messages[0].Text, b.Messages[0].Text);
        Assert.Contains("[R1] Build it.", a.Messages[0].Text, StringComparison.Ordinal);
        Assert.Contains("Build then document", a.Messages[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Do A", a.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal([ChatRole.System, ChatRole.User], a.Messages.Select(m => m.Role));
        Assert.Equal([ChatRole.System, ChatRole.System, ChatRole.User], b.Messages.Select(m => m.Role));
        Assert.StartsWith("## Your task: B", b.Messages[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Knowledge_is_injected_newest_first_up_to_the_character_limit()
    {
        // Newest first, as the store reads them; each line is 93 characters with its newline.
        var knowledge = Enumerable.Range(1, 5).Select(i => Finding($"k{i}", $"Finding number {i} that later tasks rely on.")).ToList();
        var prompt = Builder(knowledgeChars: 200).Build(Context("A", knowledge), [], []);

        Assert.Equal(["k1", "k2"], prompt.KnowledgeIds);
        var text = prompt.Messages[1].Text;
        Assert.Contains("- [decision] Finding number 1 that later tasks rely on. [from task 'Earlier task' (t-early)]", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("number 1", StringComparison.Ordinal) < text.IndexOf("number 2", StringComparison.Ordinal));
        Assert.DoesNotContain("number 3", text, StringComparison.Ordinal);
        Assert.Empty(Builder(knowledgeChars: 0).Build(Context("A", knowledge), [], []).KnowledgeIds);
    }

    [Fact]
    public void Each_injected_finding_says_where_it_came_from()
    {
        KnowledgeRecord[] knowledge =
        [
            new() { Id = "k1", Category = "discovery", Content = "From a task.", Source = "task", TaskId = "t_12", SourceTaskTitle = "Write parser" },
            new() { Id = "k2", Category = "gotcha", Content = "From a checkpoint.", Source = "checkpoint", TaskId = "t_13", SourceTaskTitle = "Deploy", CheckpointId = "c1" },
            new() { Id = "k3", Category = "constraint", Content = "From a person.", Source = "person", AddedBy = "u1" },
            new() { Id = "k4", Category = "decision", Content = "From a task that is gone.", Source = "task" },
        ];
        var text = Builder().Build(Context("A", knowledge), [], []).Messages[1].Text;

        Assert.Contains("- [discovery] From a task. [from task 'Write parser' (t_12)]\n", text, StringComparison.Ordinal);
        Assert.Contains("- [gotcha] From a checkpoint. [from a checkpoint gotcha on task 'Deploy']\n", text, StringComparison.Ordinal);
        Assert.Contains("- [constraint] From a person. [from a person]\n", text, StringComparison.Ordinal);
        Assert.EndsWith("- [decision] From a task that is gone. [from an earlier task]", text, StringComparison.Ordinal);
        Assert.Contains("do not change your task", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Dependency_outputs_are_trimmed_and_a_skipped_dependency_says_so()
    {
        var deps = new List<DependencyOutput> { new("d1", "Long one", new string('x', 50) + "TAIL"), new("d2", "Skipped one", null, Skipped: true) };
        var prompt = Builder(forwardChars: 50).Build(Context("A", deps: deps), [], []);
        var text = prompt.Messages[^1].Text;

        Assert.Contains(new string('x', 50) + "\n… [truncated]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("TAIL", text, StringComparison.Ordinal);
        Assert.Contains("### Skipped one\n(Skipped by a person at a checkpoint", text, StringComparison.Ordinal);
        Assert.Equal((2, 1), (prompt.Dependencies, prompt.SkippedDependencies));
    }

    [Fact]
    public void Only_the_latest_three_feedback_entries_are_kept_and_shown()
    {
        var json = "[]";
        foreach (var (source, text) in new[] { ("verifier", "first"), ("verifier", "second"), ("reviewer", "third"), ("checkpoint", "fourth") })
        {
            json = FeedbackLog.Append(json, new FeedbackEntry(source, text, 1));
        }
        var prompt = Builder().Build(Context("A", feedbackJson: json), [], []).Messages[^1].Text;

        Assert.DoesNotContain("first", prompt, StringComparison.Ordinal);
        Assert.Contains("- The verifier: second", prompt, StringComparison.Ordinal);
        Assert.Contains("- The reviewer: third", prompt, StringComparison.Ordinal);
        Assert.Contains("- Guidance from a person (checkpoint): fourth", prompt, StringComparison.Ordinal);
        Assert.Equal(3, FeedbackLog.Read(json).Count);
    }

    [Fact]
    public void The_prompt_names_the_tools_offered_and_those_that_are_not_available()
    {
        var withTools = Builder().Build(Context("A"), ["write_file", "read_file"], ["search_knowledge", "generate_image"]).Messages[^1].Text;
        var without = Builder().Build(Context("B"), [], []).Messages[^1].Text;

        Assert.Contains("You can call: write_file, read_file.", withTools, StringComparison.Ordinal);
        Assert.Contains("not available here (do without them): search_knowledge, generate_image.", withTools, StringComparison.Ordinal);
        Assert.Contains("No tools are available for this task", without, StringComparison.Ordinal);
    }
}
