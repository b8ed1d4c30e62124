using System.Globalization;
using System.Text;
using Orchestration.Engine.Tools;
using Orchestration.Engine.Tools.Files;

namespace Orchestration.Engine.Tests.Tools;

/// <summary>
/// Every path of Tools/Corpus/hostile-paths.txt through the real write_file and then read_file, in a workspace with
/// hostile entries planted: nothing outside the workspace is created, changed or read, a refusal is a tool error (never
/// another exception, never a hang), and a path allowed after all puts exactly one file inside the workspace.
/// </summary>
public sealed class FileToolCorpusTests
{
    private const string Content = "written by the corpus test";
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Places outside the workspace a write through a hostile path would most likely create.</summary>
    private static readonly string[] Canaries =
    [
        "/tmp/escape.txt", "/tmp/x", "/etc/escape.txt",
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "escape.txt"),
    ];

    public static TheoryData<int, string, string> Entries()
    {
        var entries = new TheoryData<int, string, string>();
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Tools", "Corpus", "hostile-paths.txt"));
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 || lines[i].StartsWith('#'))
            {
                continue;
            }
            var space = lines[i].IndexOf(' ', StringComparison.Ordinal);
            var expected = space < 0 ? "" : lines[i][..space];
            Assert.True(expected is "allow" or "refuse", $"hostile-paths.txt line {i + 1} is neither 'allow <path>' nor 'refuse <path>'");
            entries.Add(i + 1, expected, lines[i][(space + 1)..]);
        }
        Assert.True(entries.Count >= 150, $"the corpus has {entries.Count} paths");
        return entries;
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public async Task A_hostile_path_never_reaches_outside_the_workspace(int line, string expected, string raw)
    {
        using var sandbox = new WorkspaceSandbox();
        var fifo = sandbox.PlantHostileEntries();
        var path = Decode(raw, sandbox.ProjectId);
        Assert.SkipWhen(!fifo && path.StartsWith("fifo", StringComparison.Ordinal), "mkfifo is not available");
        var outside = sandbox.FilesOutsideTheWorkspace();
        var inside = sandbox.EntriesInsideTheWorkspace();
        var canaries = StateOf([.. Canaries, path]);

        var write = await CallAsync(() => sandbox.WriteAsync(path, Content));
        var read = await CallAsync(() => sandbox.ReadAsync(path));

        var at = $"line {line}: {raw}";
        Assert.True(outside.SequenceEqual(sandbox.FilesOutsideTheWorkspace()), $"{at}: something outside the workspace changed");
        Assert.True(canaries.SequenceEqual(StateOf([.. Canaries, path])), $"{at}: a file outside the workspace was created or changed");
        foreach (var answer in new[] { write.Result, write.Refusal, read.Result, read.Refusal })
        {
            Assert.DoesNotContain(WorkspaceSandbox.Secret, answer ?? "", StringComparison.Ordinal);
            Assert.DoesNotContain(sandbox.Base, answer ?? "", StringComparison.Ordinal);
        }
        // What the call changed inside the workspace, besides folders it made on the way.
        var after = sandbox.EntriesInsideTheWorkspace();
        var changed = after.Where(e => !(inside.TryGetValue(e.Key, out var was) ? was == e.Value : e.Value == "folder")).ToList();
        Assert.True(inside.Keys.All(after.ContainsKey), $"{at}: an entry of the workspace disappeared");
        if (expected == "refuse")
        {
            Assert.True(write.Refusal is not null, $"{at}: write_file was allowed ({write.Result})");
            Assert.True(read.Refusal is not null, $"{at}: read_file was allowed");
            Assert.True(changed.Count == 0, $"{at}: the workspace changed: {string.Join(", ", changed.Select(e => e.Key))}");
            Assert.Empty(sandbox.Invocation.Artifacts);
        }
        else
        {
            Assert.True(write.Refusal is null, $"{at}: write_file refused: {write.Refusal}");
            Assert.True(read.Result == Content, $"{at}: read_file returned {read.Result ?? read.Refusal}");
            var file = Assert.Single(changed);
            Assert.Equal("file: " + Content, file.Value);
            var written = Assert.Single(sandbox.Invocation.Artifacts).Path;
            var real = Path.GetFullPath(Path.Combine(sandbox.Workspace.Root, written));
            Assert.StartsWith(sandbox.Workspace.Root + Path.DirectorySeparatorChar, real, StringComparison.Ordinal);
            Assert.Equal(FileKind.Regular, FileKinds.Of(real));
            Assert.Equal(Content, File.ReadAllText(real));
        }
    }

    /// <summary>The tool's answer or its refusal; any other exception, or a call that does not return within
    /// <see cref="CallTimeout"/>, fails the test.</summary>
    private static async Task<(string? Result, string? Refusal)> CallAsync(Func<Task<string>> call)
    {
        try
        {
            // NOTE: on the thread pool, so that a call blocking in open(2) (a FIFO, a device) times out here.
            return (await Task.Run(call).WaitAsync(CallTimeout, TestContext.Current.CancellationToken), null);
        }
        catch (ToolException ex)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>Whether each absolute path exists and what it is (a regular file with its size and time of change),
    /// looked at without following a final symbolic link.</summary>
    private static List<string> StateOf(IEnumerable<string> paths) =>
        paths.Select(p => p.Split('\0')[0].Trim())
            .Where(p => p.StartsWith('/'))
            .Select(p => FileKinds.Of(p) switch
            {
                // NOTE: /proc and /sys make their files up as they are looked at; their times say nothing.
                FileKind.Regular when !p.StartsWith("/proc/", StringComparison.Ordinal) && !p.StartsWith("/sys/", StringComparison.Ordinal) =>
                    $"{p}: file of {new FileInfo(p).Length} bytes changed {File.GetLastWriteTimeUtc(p):O}",
                var kind => $"{p}: {kind}",
            })
            .ToList();

    /// <summary>The path a corpus line stands for (the escapes are described at the top of the corpus).</summary>
    private static string Decode(string raw, string projectId)
    {
        var path = new StringBuilder();
        for (var i = 0; i < raw.Length; i++)
        {
            var rest = raw.AsSpan(i);
            if (rest.StartsWith(@"\0"))
            {
                path.Append('\0');
                i++;
            }
            else if (rest.StartsWith(@"\u{"))
            {
                var end = raw.IndexOf('}', i);
                var code = int.Parse(raw[(i + 3)..end], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                path.Append(code <= char.MaxValue ? ((char)code).ToString() : char.ConvertFromUtf32(code));
                i = end;
            }
            else if (rest.StartsWith(@"\repeat{"))
            {
                var countEnd = raw.IndexOf('}', i);
                var count = int.Parse(raw[(i + 8)..countEnd], CultureInfo.InvariantCulture);
                var (text, end) = Braced(raw, countEnd + 1);
                path.Insert(path.Length, Decode(text, projectId), count);
                i = end;
            }
            else if (rest.StartsWith(@"\empty"))
            {
                i += @"\empty".Length - 1;
            }
            else if (rest.StartsWith(@"\project"))
            {
                path.Append(projectId);
                i += @"\project".Length - 1;
            }
            else
            {
                path.Append(raw[i]);
            }
        }
        return path.ToString();
    }

    /// <summary>The text between the brace at <paramref name="open"/> and its matching one, and where that one is.</summary>
    private static (string Text, int End) Braced(string raw, int open)
    {
        Assert.Equal('{', raw[open]);
        var depth = 0;
        for (var i = open; i < raw.Length; i++)
        {
            depth += raw[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
            {
                return (raw[(open + 1)..i], i);
            }
        }
        throw new FormatException($"No closing brace in '{raw}'.");
    }
}
