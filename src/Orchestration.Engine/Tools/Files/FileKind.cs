using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Orchestration.Engine.Tools.Files;

/// <summary>What a path names, without following a final symbolic link.</summary>
public enum FileKind { Missing, Regular, Directory, SymbolicLink, Special }

/// <summary>
/// Tells regular files from devices, FIFOs and sockets, which .NET reports alike. On Linux it asks statx(2) (whose
/// result layout is the same on every architecture); elsewhere it falls back to the file attributes.
/// </summary>
internal static partial class FileKinds
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;

    public static FileKind Of(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            return Of(AtFdCwd, path);
        }
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            return FileKind.SymbolicLink;
        }
        return Directory.Exists(path) ? FileKind.Directory : info.Exists ? FileKind.Regular : FileKind.Missing;
    }

    /// <summary>What <paramref name="name"/> names in the folder open as <paramref name="directoryFd"/> (Linux only).</summary>
    public static FileKind Of(int directoryFd, string name) => Of(directoryFd, name, AtSymlinkNoFollow);

    /// <summary>What the open file <paramref name="handle"/> is (Linux only).</summary>
    public static FileKind Of(SafeFileHandle handle)
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return Of((int)handle.DangerousGetHandle(), "", AtEmptyPath | AtSymlinkNoFollow);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private static FileKind Of(int directoryFd, string name, int flags)
    {
        var buffer = new byte[256];
        if (Statx(directoryFd, name, flags, StatxType, buffer) != 0)
        {
            return FileKind.Missing;
        }
        return (BitConverter.ToUInt16(buffer, ModeOffset) & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            _ => FileKind.Special,
        };
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directoryFd, string path, int flags, uint mask, [Out] byte[] buffer);
}
