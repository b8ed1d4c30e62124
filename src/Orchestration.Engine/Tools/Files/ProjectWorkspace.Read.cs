using Microsoft.Win32.SafeHandles;

namespace Orchestration.Engine.Tools.Files;

// Opening a file of the workspace for reading, as read_file does.
public sealed partial class ProjectWorkspace
{
    /// <summary>Opens a regular file of the workspace for reading, under the path rules of
    /// <see cref="Resolve(string, out string)"/>.</summary>
    /// <param name="normalised">Where the file is, relative to the workspace ('/'-separated).</param>
    /// <exception cref="ToolException">The path is not acceptable, or names no regular file; the message says why.</exception>
    public SafeFileHandle OpenRead(string relativePath, out string normalised)
    {
        var source = Resolve(relativePath, out normalised, out var realRoot);
        if (!OperatingSystem.IsLinux())
        {
            return FileKinds.Of(source) == FileKind.Missing
                ? throw new ToolException($"There is no file '{normalised}' in the project workspace.")
                : File.OpenHandle(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }
        return OpenInHeldFolders(realRoot, normalised);
    }

    /// <summary>
    /// Opens the folders of the checked path one by one from the workspace root, each inside the one before and refused if
    /// it is a symbolic link, then the file inside the last one, not following a link and not blocking, and checks that
    /// what was opened is a regular file. NOTE: the path is checked first, then opened; a folder on it swapped for a
    /// symbolic link in between, or a FIFO put in the file's place, would otherwise read from wherever the link points or
    /// block the call.
    /// </summary>
    private static SafeFileHandle OpenInHeldFolders(string realRoot, string relative)
    {
        var names = relative.Split('/');
        var folder = HeldFolder.Open(realRoot, out var error) ?? throw HeldFolder.Failure("Opening the workspace", error);
        try
        {
            for (var i = 0; i < names.Length - 1; i++)
            {
                var inner = folder.OpenFolder(names[i], out error) ?? throw Unreadable(relative, error);
                folder.Dispose();
                folder = inner;
            }
            var file = folder.OpenFile(names[^1], out error) ?? throw Unreadable(relative, error);
            var kind = FileKinds.Of(file);
            if (kind == FileKind.Regular)
            {
                return file;
            }
            file.Dispose();
            throw kind == FileKind.Directory
                ? new ToolException($"'{relative}' is a directory, not a file.")
                : new ToolException($"'{relative}' is not a regular file (a device, FIFO or socket); only regular files can be used.");
        }
        finally
        {
            folder.Dispose();
        }
    }

    private static Exception Unreadable(string relative, int error) => error switch
    {
        HeldFolder.NoSuchEntry => new ToolException($"There is no file '{relative}' in the project workspace."),
        HeldFolder.SymbolicLinkRefused or HeldFolder.NotAFolder =>
            new ToolException($"'{relative}' changed while it was being opened (a folder or the file on the path became a symbolic " +
                              "link); nothing was read."),
        _ => HeldFolder.Failure($"Opening '{relative}'", error),
    };
}
