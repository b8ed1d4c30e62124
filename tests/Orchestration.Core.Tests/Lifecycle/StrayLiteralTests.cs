using System.Reflection;
using System.Text.RegularExpressions;
using Orchestration.Core.Events;
using Orchestration.Core.Lifecycle;

namespace Orchestration.Core.Tests.Lifecycle;

/// <summary>
/// Statuses and event types are spelled in one place each (Core/Lifecycle/StatusNames.cs, Core/Events/EventTypes.cs);
/// everything else names them through those constants. This reads the source tree for strays: a status in SQL quotes
/// or compared/assigned as a C# string, and an event type as a string literal.
/// </summary>
public sealed partial class StrayLiteralTests
{
    private static readonly string[] Owners = ["src/Orchestration.Core/Lifecycle/StatusNames.cs", "src/Orchestration.Core/Events/"];

    [Fact]
    public void No_status_or_event_type_literal_is_written_outside_the_tables_and_the_catalogue()
    {
        var statuses = string.Join("|", new[] { typeof(TaskStatusNames), typeof(ProjectStatusNames), typeof(PlanStatusNames) }
            .SelectMany(Names).Distinct());
        var sqlStatus = new Regex($"'({statuses})'");
        var csharpStatus = new Regex($"(==|!=|\\bis|\\?\\?|=|\\bor)\\s*\"({statuses})\"|\"({statuses})\"\\s*(==|!=)");
        // "checkpoint" is also an ordinary word (a feedback source, a CLI command): only a comparison with it is a stray.
        var types = Names(typeof(EventTypes)).Where(t => t != EventTypes.Checkpoint);
        var eventType = new Regex($"[\"']({string.Join("|", types)})[\"']|(==|!=|\\bis)\\s*\"{EventTypes.Checkpoint}\"");

        var strays = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(SourceTree.Root, "src"), "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(SourceTree.Root, file).Replace('\\', '/');
            if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal)
                || Owners.Any(o => relative.StartsWith(o, StringComparison.Ordinal)))
            {
                continue;
            }
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                if (line.TrimStart().StartsWith("//", StringComparison.Ordinal))
                {
                    continue;
                }
                foreach (var match in new[] { sqlStatus.Match(line), csharpStatus.Match(line), eventType.Match(line) }.Where(m => m.Success))
                {
                    strays.Add($"{relative}:{i + 1}: {match.Value}");
                }
            }
        }

        Assert.True(strays.Count == 0, "Name these through TaskStatusNames/ProjectStatusNames/PlanStatusNames or EventTypes:\n" + string.Join("\n", strays));
    }

    private static IEnumerable<string> Names(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!);
}
