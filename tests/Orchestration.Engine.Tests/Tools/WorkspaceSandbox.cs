using System.Diagnostics;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Engine.Tools;
using Orchestration.Engine.Tools.Files;

namespace Orchestration.Engine.Tests.Tools;

/// <summary>
/// A temp folder holding a workspace root (with one project's workspace, a sibling project's and a sentinel file) beside
/// an "outside" folder with a secret, and the real file tools bound to that workspace. Hostile entries (symlinks out, a
/// device link, a FIFO, a link loop) are planted in the workspace as an attacker with shell access would.
/// </summary>
internal sealed class WorkspaceSandbox : IDisposable
{
    public const string Secret = "the secret outside the workspace";

    /// <summary>Another project's workspace, beside this one.</summary>
    public const string SiblingProject = "sibling-project";

    public WorkspaceSandbox(int maxFileBytes = 1024)
    {
        Base = Directory.CreateTempSubdirectory("orch-ws-").FullName;
        Outside = Directory.CreateDirectory(Path.Combine(Base, "outside")).FullName;
        File.WriteAllText(Path.Combine(Outside, "secret.txt"), Secret);
        var config = new OrchestrationConfig();
        config.Execution.WorkspaceRoot = Path.Combine(Base, "workspaces");
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(config.Execution.WorkspaceRoot, SiblingProject)).FullName, "secret.txt"), Secret);
        File.WriteAllText(Path.Combine(config.Execution.WorkspaceRoot, "sentinel.txt"), Secret);
        config.Execution.ToolMaxFileBytes = maxFileBytes;
        ProjectId = Ids.New();
        Workspace = new ProjectWorkspace(config.Execution.WorkspaceRoot, ProjectId);
        Invocation = new ToolInvocation(ProjectId, Ids.New(), Workspace);
        Write = new WriteFileTool(config.Execution);
        Read = new ReadFileTool(config.Execution);
        Directory.CreateDirectory(Path.Combine(Workspace.Root, "notes"));
    }

    public string Base { get; }
    public string Outside { get; }
    public string ProjectId { get; }
    public ProjectWorkspace Workspace { get; }
    public ToolInvocation Invocation { get; }
    public WriteFileTool Write { get; }
    public ReadFileTool Read { get; }

    /// <summary>Plants the hostile entries. Returns whether a FIFO could be made (mkfifo present).</summary>
    public bool PlantHostileEntries()
    {
        var root = Workspace.Root;
        File.CreateSymbolicLink(Path.Combine(root, "link-out"), Outside);
        File.CreateSymbolicLink(Path.Combine(root, "link-rel"), Path.Combine("..", "..", "outside"));
        File.CreateSymbolicLink(Path.Combine(root, "file-link"), Path.Combine(Outside, "secret.txt"));
        File.CreateSymbolicLink(Path.Combine(root, "new-link"), Path.Combine(Outside, "planted.txt"));
        File.CreateSymbolicLink(Path.Combine(root, "dev-link"), "/dev/zero");
        File.CreateSymbolicLink(Path.Combine(root, "chain1"), "chain2");
        File.CreateSymbolicLink(Path.Combine(root, "chain2"), Outside);
        File.CreateSymbolicLink(Path.Combine(root, "loop-a"), "loop-b");
        File.CreateSymbolicLink(Path.Combine(root, "loop-b"), "loop-a");
        File.CreateSymbolicLink(Path.Combine(root, "inside-link"), "notes");
        File.CreateSymbolicLink(Path.Combine(root, "etc-link"), "/etc");
        File.CreateSymbolicLink(Path.Combine(root, "root-link"), "/");
        File.CreateSymbolicLink(Path.Combine(root, "proc-link"), "/proc/self/environ");
        File.CreateSymbolicLink(Path.Combine(root, "parent-link"), "..");
        File.CreateSymbolicLink(Path.Combine(root, "dangling-in"), Path.Combine("not-yet", "there.txt"));
        File.WriteAllText(Path.Combine(root, "plain.txt"), "a plain file inside");
        // The repository of a git-enabled workspace: its config may hold a remote's credentials.
        Directory.CreateDirectory(Path.Combine(root, ".git", "hooks"));
        File.WriteAllText(Path.Combine(root, ".git", "config"), Secret);
        File.CreateSymbolicLink(Path.Combine(root, "git-link"), ".git");
        try
        {
            using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", Path.Combine(root, "fifo")) { UseShellExecute = false })!;
            mkfifo.WaitForExit();
            return mkfifo.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public Task<string> WriteAsync(string path, string content) =>
        Write.InvokeAsync(Invocation, new Dictionary<string, object?> { ["path"] = path, ["content"] = content }, TestContext.Current.CancellationToken);

    public Task<string> ReadAsync(string path) =>
        Read.InvokeAsync(Invocation, new Dictionary<string, object?> { ["path"] = path }, TestContext.Current.CancellationToken);

    /// <summary>Every file, folder and link under the base folder that is not inside the workspace root, with the file's
    /// content or the link's target (links are never followed).</summary>
    public SortedDictionary<string, string> FilesOutsideTheWorkspace()
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(Base, entries, skip: Workspace.Root);
        return entries;
    }

    /// <summary>Every file, folder and link inside the workspace (keys relative to it), as <see cref="FilesOutsideTheWorkspace"/>.</summary>
    public SortedDictionary<string, string> EntriesInsideTheWorkspace()
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(Workspace.Root, entries, skip: null);
        return new(entries.ToDictionary(e => Path.GetRelativePath(Workspace.Root, e.Key).Replace(Path.DirectorySeparatorChar, '/'), e => e.Value),
            StringComparer.Ordinal);
    }

    private static void Walk(string folder, SortedDictionary<string, string> entries, string? skip)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder, "*", new EnumerationOptions { AttributesToSkip = 0 }))
        {
            if (entry == skip)
            {
                continue;
            }
            switch (FileKinds.Of(entry))
            {
                case FileKind.Regular:
                    entries[entry] = "file: " + File.ReadAllText(entry);
                    break;
                case FileKind.Directory:
                    entries[entry] = "folder";
                    Walk(entry, entries, skip);
                    break;
                case FileKind.SymbolicLink:
                    entries[entry] = "link to " + new FileInfo(entry).LinkTarget;
                    break;
                default:
                    entries[entry] = "special";
                    break;
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Base, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner.
        }
    }
}
