namespace Orchestration.Engine.Tools.Files;

// Writing a whole file into the workspace, as write_file and generate_image do.
public sealed partial class ProjectWorkspace
{
    /// <summary>Creates or replaces a file of the workspace with <paramref name="content"/>, under the path rules of
    /// <see cref="Resolve"/>, and returns where it went (relative, '/'-separated). Size limits are the caller's.</summary>
    /// <exception cref="ToolException">The path is not acceptable; the message says why.</exception>
    public async Task<string> WriteAsync(string relativePath, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var target = Resolve(relativePath, out var relative);
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        // NOTE: written beside the target, then renamed over it: a rename replaces a symbolic link planted at the
        // target instead of writing through it, and a reader never sees half a file.
        var temporary = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await stream.WriteAsync(content, cancellationToken);
            }
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
        return relative;
    }
}
