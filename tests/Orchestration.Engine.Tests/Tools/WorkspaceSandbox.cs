using System.Diagnostics;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Engine.Tools;
using Orchestration.Engine.Tools.Files;

namespace Orchestration.Engine.Tests.Tools;

/// <summary>
/// A temp folder holding a workspace root (with one project's workspace) beside an "outside" folder with a secret, and
/// the real file tools bound to that workspace. Hostile entries (symlinks out, a device link, a FIFO, a link loop)
/// are planted in the workspace as an attacker with shell access would.
/// </summary>
internal sealed class WorkspaceSandbox : IDisposable
{
    public const string Secret = "the secret outside the workspace";

    public WorkspaceSandbox(int maxFileBytes = 1024)
    {
        Base = Directory.CreateTempSubdirectory("orch-ws-").FullName;
        Outside = Directory.CreateDirectory(Path.Combine(Base, "outside")).FullName;
        File.WriteAllText(Path.Combine(Outside, "secret.txt"), Secret);
        var config = new OrchestrationConfig();
        config.Execution.WorkspaceRoot = Path.Combine(Base, "workspaces");
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

    /// <summary>Every regular file under the base folder that is not inside the workspace root, with its content.</summary>
    public SortedDictionary<string, string> FilesOutsideTheWorkspace()
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Base, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var info = new FileInfo(file);
            if (!file.StartsWith(Workspace.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && info.LinkTarget is null)
            {
                files[file] = File.ReadAllText(file);
            }
        }
        return files;
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
