namespace Orchestration.Engine.Tools.Files;

// Writing a whole file into the workspace, as write_file and generate_image do.
public sealed partial class ProjectWorkspace
{
    /// <summary>Creates or replaces a file of the workspace with <paramref name="content"/>, under the path rules of
    /// <see cref="Resolve(string, out string)"/>, and returns where it went (relative, '/'-separated). Size limits are the
    /// caller's.</summary>
    /// <exception cref="ToolException">The path is not acceptable; the message says why.</exception>
    public async Task<string> WriteAsync(string relativePath, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var target = Resolve(relativePath, out var relative, out var realRoot);
        // NOTE: written beside the target under a short temporary name (a long file name plus a suffix would pass the
        // file system's limit), then renamed over it: a rename replaces a symbolic link planted at the target instead of
        // writing through it, and a reader never sees half a file.
        if (OperatingSystem.IsLinux())
        {
            await WriteInHeldFolderAsync(realRoot, relative, content, cancellationToken);
        }
        else
        {
            await WriteByPathAsync(target, relative, content, cancellationToken);
        }
        return relative;
    }

    /// <summary>
    /// Opens the folders of the checked path one by one from the workspace root, each inside the one before and refused
    /// if it is a symbolic link (missing ones are created), then creates, writes and renames the file inside the last one,
    /// held open throughout. NOTE: the path is checked first, then written; a folder on it swapped for a symbolic link in
    /// between would otherwise carry the write wherever the link points. A folder moved (not linked) out of the
    /// workspace in between would still receive the file, but moving it there takes write access outside the workspace.
    /// </summary>
    private static async Task WriteInHeldFolderAsync(string realRoot, string relative, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var names = relative.Split('/');
        var folder = HeldFolder.Open(realRoot, out var error) ?? throw HeldFolder.Failure("Opening the workspace", error);
        try
        {
            for (var i = 0; i < names.Length - 1; i++)
            {
                var inner = OpenOrCreateFolder(folder, names, i);
                folder.Dispose();
                folder = inner;
            }
            var file = folder.CreateTemporary(out var temporary);
            var renamed = false;
            try
            {
                using (file)
                {
                    await RandomAccess.WriteAsync(file, content, 0, cancellationToken);
                }
                error = folder.Rename(temporary, names[^1]);
                renamed = error == 0;
                if (error == HeldFolder.IsAFolder)
                {
                    throw new ToolException($"'{relative}' is a directory, not a file.");
                }
                if (!renamed)
                {
                    throw HeldFolder.Failure("Renaming the written file into place", error);
                }
            }
            finally
            {
                if (!renamed)
                {
                    folder.Delete(temporary);
                }
            }
        }
        finally
        {
            folder.Dispose();
        }
    }

    /// <summary>The folder <c>names[index]</c> inside <paramref name="parent"/>, created when it is missing.</summary>
    private static HeldFolder OpenOrCreateFolder(HeldFolder parent, string[] names, int index)
    {
        var name = names[index];
        var folder = parent.OpenFolder(name, out var error);
        if (folder is null && error == HeldFolder.NoSuchEntry)
        {
            error = parent.CreateFolder(name);
            if (error is 0 or HeldFolder.AlreadyExists)
            {
                folder = parent.OpenFolder(name, out error);
            }
        }
        if (folder is not null)
        {
            return folder;
        }
        var shown = string.Join('/', names[..(index + 1)]);
        var relative = string.Join('/', names);
        if (error is not (HeldFolder.NotAFolder or HeldFolder.SymbolicLinkRefused or HeldFolder.NoSuchEntry))
        {
            throw HeldFolder.Failure("Opening a folder of the workspace", error);
        }
        throw parent.KindOf(name) is FileKind.Regular or FileKind.Special
            ? new ToolException($"'{shown}' is a file, not a folder, so '{relative}' cannot be written.")
            : new ToolException($"'{shown}' changed while '{relative}' was being written (a folder on the path became a symbolic link " +
                                "or disappeared); nothing was written.");
    }

    /// <summary>
    /// Elsewhere than Linux, by path: after the temporary file exists, its folder must still be where it was checked to be.
    /// NOTE: this narrows the window a folder swapped for a symbolic link has, without closing it as held folders do.
    /// </summary>
    private static async Task WriteByPathAsync(string target, string relative, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, HeldFolder.TemporaryName());
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await stream.WriteAsync(content, cancellationToken);
            }
            if (RealPath(folder, 0) != folder)
            {
                throw new ToolException($"A folder of '{relative}' changed while it was being written (it became a symbolic link); nothing was written.");
            }
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
