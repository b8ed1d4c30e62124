using Orchestration.Engine.Tools;

namespace Orchestration.Engine.Tests.Tools;

/// <summary>The workspace file tools against a corpus of paths that try to leave the workspace.</summary>
public sealed class FileToolTraversalTests
{
    public static TheoryData<string, string> Escapes => new()
    {
        { "../escape.txt", "'..'" },
        { "a/../../escape.txt", "'..'" },
        { "notes/../../escape.txt", "'..'" },
        { "./../escape.txt", "'..'" },
        { "..\\escape.txt", "'..'" },
        { "notes\\..\\..\\escape.txt", "'..'" },
        { "a/..", "'..'" },
        { "/etc/passwd", "absolute" },
        { "\\escape.txt", "absolute" },
        { "C:\\escape.txt", "absolute" },
        { "C:escape.txt", "absolute" },
        { "~/escape.txt", "absolute" },
        { "", "required" },
        { "   ", "required" },
        { ".", "workspace itself" },
        { "a\u0000b.txt", "control characters" },
        { "a\nb.txt", "control characters" },
        { "link-out/escape.txt", "outside the project workspace" },
        { "link-rel/escape.txt", "outside the project workspace" },
        { "chain1/escape.txt", "outside the project workspace" },
        { "file-link", "outside the project workspace" },
        { "new-link", "outside the project workspace" },
        { "dev-link", "outside the project workspace" },
        { "loop-a/escape.txt", "too many symbolic links" },
        { "notes", "is a directory" },
        { ".git/config", "inside .git" },
        { "sub/.GIT/hooks/pre-commit", "inside .git" },
        { "git-link/hooks/post-commit", "inside .git" },
    };

    [Theory]
    [MemberData(nameof(Escapes))]
    public async Task Write_file_refuses_paths_that_leave_the_workspace_and_writes_nothing_outside(string path, string reason)
    {
        using var sandbox = new WorkspaceSandbox();
        sandbox.PlantHostileEntries();
        var before = sandbox.FilesOutsideTheWorkspace();

        var refused = await Assert.ThrowsAsync<ToolException>(() => sandbox.WriteAsync(path, "pwned"));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(sandbox.Base, refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, sandbox.FilesOutsideTheWorkspace());
        Assert.Empty(sandbox.Invocation.Artifacts);
    }

    [Theory]
    [InlineData("../outside/secret.txt")]
    [InlineData("link-out/secret.txt")]
    [InlineData("link-rel/secret.txt")]
    [InlineData("chain1/secret.txt")]
    [InlineData("file-link")]
    [InlineData("dev-link")]
    [InlineData(".git/config")]
    [InlineData("git-link/config")]
    public async Task Read_file_never_returns_what_lies_outside_the_workspace(string path)
    {
        using var sandbox = new WorkspaceSandbox();
        sandbox.PlantHostileEntries();

        var refused = await Assert.ThrowsAsync<ToolException>(() => sandbox.ReadAsync(path));

        Assert.DoesNotContain(WorkspaceSandbox.Secret, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fifo_or_device_inside_the_workspace_is_refused_without_blocking()
    {
        using var sandbox = new WorkspaceSandbox();
        Assert.SkipUnless(sandbox.PlantHostileEntries(), "mkfifo is not available");

        var read = await Assert.ThrowsAsync<ToolException>(() => sandbox.ReadAsync("fifo"));
        var write = await Assert.ThrowsAsync<ToolException>(() => sandbox.WriteAsync("fifo", "x"));

        Assert.Contains("not a regular file", read.Message, StringComparison.Ordinal);
        Assert.Contains("not a regular file", write.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversize_write_is_refused_with_the_limit_and_nothing_is_written()
    {
        using var sandbox = new WorkspaceSandbox(maxFileBytes: 1024);

        var refused = await Assert.ThrowsAsync<ToolException>(() => sandbox.WriteAsync("big.txt", new string('x', 1025)));

        Assert.Contains("1,025 bytes", refused.Message, StringComparison.Ordinal);
        Assert.Contains("at most 1,024 bytes", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(sandbox.Workspace.Root, "big.txt")));
        Assert.Contains("Wrote 1,024 bytes", await sandbox.WriteAsync("fits.txt", new string('x', 1024)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paths_inside_the_workspace_write_read_and_are_listed_as_artifacts()
    {
        using var sandbox = new WorkspaceSandbox();
        sandbox.PlantHostileEntries();

        await sandbox.WriteAsync("notes/plan.md", "# Plan\n");
        await sandbox.WriteAsync("./deep/er/data.json", "{}");
        await sandbox.WriteAsync("inside-link/linked.md", "through a link that stays inside");
        await sandbox.WriteAsync("notes/plan.md", "# Plan v2\n");
        await sandbox.WriteAsync(".gitignore", "bin/\n");

        Assert.Equal("# Plan v2\n", await sandbox.ReadAsync("notes/plan.md"));
        Assert.Equal("through a link that stays inside", await sandbox.ReadAsync("notes/linked.md"));
        Assert.Equal("{}", File.ReadAllText(Path.Combine(sandbox.Workspace.Root, "deep", "er", "data.json")));
        // Listed where the files really are (the link inside the workspace resolves to notes/).
        Assert.Equal([".gitignore", "deep/er/data.json", "notes/linked.md", "notes/plan.md"], sandbox.Invocation.Artifacts.Select(a => a.Path));
        Assert.Equal(10, sandbox.Invocation.Artifacts.Single(a => a.Path == "notes/plan.md").Bytes);
        var missing = await Assert.ThrowsAsync<ToolException>(() => sandbox.ReadAsync("notes/absent.md"));
        Assert.Contains("no file 'notes/absent.md'", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binary_files_are_not_returned_as_text()
    {
        using var sandbox = new WorkspaceSandbox();
        File.WriteAllBytes(Path.Combine(sandbox.Workspace.Root, "image.png"), [0x89, 0x50, 0x4E, 0x47, 0x00, 0x0D]);

        var refused = await Assert.ThrowsAsync<ToolException>(() => sandbox.ReadAsync("image.png"));

        Assert.Contains("binary file", refused.Message, StringComparison.Ordinal);
    }
}
