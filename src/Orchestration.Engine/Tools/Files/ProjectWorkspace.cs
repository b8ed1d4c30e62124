using System.Text;

namespace Orchestration.Engine.Tools.Files;

/// <summary>
/// A project's workspace directory (execution.workspace_root/&lt;project id&gt;), and the one rule for paths inside it:
/// relative, no "..", nothing that resolves (through symbolic links) outside it, nothing inside its ".git" folder, and
/// only regular files.
/// </summary>
public sealed partial class ProjectWorkspace
{
    public const int MaxPathLength = 512;

    /// <summary>NOTE: NAME_MAX of ext4, XFS, btrfs and tmpfs alike; a longer name fails deep in the write otherwise.</summary>
    public const int MaxNameBytes = 255;
    private const int MaxLinkDepth = 40;

    public ProjectWorkspace(string workspaceRoot, string projectId)
    {
        if (projectId.Length == 0 || projectId.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_')))
        {
            throw new ArgumentException("A project id names the workspace directory and must be letters, digits, - or _.", nameof(projectId));
        }
        Root = Path.GetFullPath(Path.Combine(workspaceRoot, projectId));
    }

    public string Root { get; }

    /// <summary>Removes the workspace with everything in it (symbolic links are removed, never followed).
    /// Returns false when there was none.</summary>
    public bool Delete()
    {
        if (!Directory.Exists(Root))
        {
            return false;
        }
        Directory.Delete(Root, recursive: true);
        return true;
    }

    /// <summary>The absolute (symlink-resolved) path of a file in the workspace, for reading or writing.</summary>
    /// <param name="normalised">Where the file really is, relative to the workspace ('/'-separated).</param>
    /// <exception cref="ToolException">The path is not acceptable; the message says why.</exception>
    public string Resolve(string relativePath, out string normalised) => Resolve(relativePath, out normalised, out _);

    /// <param name="realRoot">The workspace root with symbolic links resolved, which <paramref name="normalised"/> is relative to.</param>
    private string Resolve(string relativePath, out string normalised, out string realRoot)
    {
        var requested = Normalise(relativePath);
        Directory.CreateDirectory(Root);
        realRoot = RealPath(Root, 0);
        var real = RealPath(Path.Combine(Root, requested), 0);
        if (!real.StartsWith(realRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ToolException($"'{relativePath}' leads outside the project workspace (through a symbolic link); only files inside it can be used.");
        }
        normalised = Path.GetRelativePath(realRoot, real).Replace(Path.DirectorySeparatorChar, '/');
        RefuseGitFolder(normalised, relativePath);
        return FileKinds.Of(real) switch
        {
            FileKind.Directory => throw new ToolException($"'{normalised}' is a directory, not a file."),
            FileKind.Special => throw new ToolException($"'{normalised}' is not a regular file (a device, FIFO or socket); only regular files can be used."),
            _ => real,
        };
    }

    /// <summary>The path as segments joined by '/', or a <see cref="ToolException"/> saying what is wrong with it.</summary>
    public static string Normalise(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ToolException("A path is required: a file path relative to the project workspace, e.g. src/app.py.");
        }
        if (path.Length > MaxPathLength)
        {
            throw new ToolException($"The path is {path.Length} characters long; at most {MaxPathLength} are allowed.");
        }
        if (path.Any(char.IsControl))
        {
            throw new ToolException("The path contains control characters.");
        }
        var unified = path.Trim().Replace('\\', '/');
        if (unified.StartsWith('/') || unified.StartsWith('~') || Path.IsPathRooted(path) || (unified.Length >= 2 && unified[1] == ':'))
        {
            throw new ToolException($"'{path}' is an absolute path; give a path relative to the project workspace, e.g. src/app.py.");
        }
        var segments = unified.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToList();
        if (segments.Contains(".."))
        {
            throw new ToolException($"'{path}' uses '..'; paths must stay inside the project workspace.");
        }
        if (segments.Count == 0)
        {
            throw new ToolException($"'{path}' names the workspace itself, not a file.");
        }
        var longest = segments.Max(s => Encoding.UTF8.GetByteCount(s));
        if (longest > MaxNameBytes)
        {
            throw new ToolException($"A name in '{path}' is {longest} bytes long (UTF-8); file and folder names can be at most {MaxNameBytes} bytes.");
        }
        var normalised = string.Join('/', segments);
        RefuseGitFolder(normalised, path);
        return normalised;
    }

    /// <summary>NOTE: with git.enabled the workspace is a repository; a file written into .git (config, hooks) would run
    /// commands on the server at the next commit, and .git/config may hold a remote's credentials.</summary>
    private static void RefuseGitFolder(string normalised, string requested)
    {
        if (normalised.Split('/').Any(s => s.Equals(".git", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ToolException($"'{requested}' is inside .git, the workspace's version history; files there cannot be read or written.");
        }
    }

    /// <summary>The path with every symbolic link along it resolved (components that do not exist yet are kept).</summary>
    private static string RealPath(string path, int depth)
    {
        if (depth > MaxLinkDepth)
        {
            throw new ToolException("The path goes through too many symbolic links.");
        }
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "/";
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            switch (FileKinds.Of(next))
            {
                // NOTE: a link replaced since it was looked at has no target; it is taken as what replaced it, since a
                // write opens each folder again (and refuses a link) on its way to the file.
                case FileKind.SymbolicLink when new FileInfo(next).LinkTarget is { } target:
                    current = RealPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target), depth + 1);
                    break;
                case FileKind.Missing:
                    return Path.Combine([current, .. parts[i..]]);
                default:
                    current = next;
                    break;
            }
        }
        return current;
    }
}
