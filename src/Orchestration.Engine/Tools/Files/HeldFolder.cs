using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Orchestration.Engine.Tools.Files;

/// <summary>
/// A folder held open (Linux only), and the calls that act on names inside it: openat(2), mkdirat(2), renameat(2),
/// unlinkat(2). A name is looked up in the folder held, never along a path, so a folder replaced by a symbolic link after
/// it was opened cannot redirect what is done in it; and a folder is opened only when it is not itself a symbolic link.
/// Failures are returned as errno values for the caller to word.
/// </summary>
internal sealed partial class HeldFolder : IDisposable
{
    public const int NoSuchEntry = 2;            // ENOENT
    public const int AlreadyExists = 17;         // EEXIST
    public const int NotAFolder = 20;            // ENOTDIR
    public const int IsAFolder = 21;             // EISDIR
    public const int NameTooLong = 36;           // ENAMETOOLONG
    public const int SymbolicLinkRefused = 40;   // ELOOP: O_NOFOLLOW met a symbolic link

    private const int ReadOnly = 0x0;
    private const int WriteOnly = 0x1;
    private const int NonBlocking = 0x800;       // O_NONBLOCK: the same value on every Linux architecture .NET runs on
    private const int Create = 0x40;
    private const int Exclusive = 0x80;
    private const int CloseOnExec = 0x80000;
    private const int NewFileMode = 0b110_110_110;   // 0666, less the umask, as FileStream creates files
    private const int NewFolderMode = 0b111_111_111; // 0777, less the umask, as Directory.CreateDirectory does
    private const int AtFdCwd = -100;
    private const int TemporaryAttempts = 8;

    // NOTE: O_DIRECTORY and O_NOFOLLOW are the two open flags whose values differ between Linux architectures: ARM and
    // PowerPC number them 040000 and 0100000, the others (x86, RISC-V, LoongArch, s390) 0200000 and 0400000.
    private static readonly bool ArmFlags =
        RuntimeInformation.ProcessArchitecture is Architecture.Arm or Architecture.Arm64 or Architecture.Armv6 or Architecture.Ppc64le;
    private static readonly int FolderOnly = ArmFlags ? 0x4000 : 0x10000;
    private static readonly int NoFollow = ArmFlags ? 0x8000 : 0x20000;

    private int _descriptor;

    private HeldFolder(int descriptor) => _descriptor = descriptor;

    /// <summary>Opens a folder by its absolute path; only its last component must not be a symbolic link.</summary>
    public static HeldFolder? Open(string path, out int error) => From(OpenAt(AtFdCwd, path, FolderOnly | NoFollow | CloseOnExec, 0), out error);

    /// <summary>Opens the folder <paramref name="name"/> inside this one, without following a symbolic link
    /// (<see cref="SymbolicLinkRefused"/>, or <see cref="NotAFolder"/> for a file, FIFO or device, which is never opened).</summary>
    public HeldFolder? OpenFolder(string name, out int error) => From(OpenAt(_descriptor, name, FolderOnly | NoFollow | CloseOnExec, 0), out error);

    /// <summary>Creates the folder <paramref name="name"/> inside this one; 0 or the errno.</summary>
    public int CreateFolder(string name) => MakeFolderAt(_descriptor, name, NewFolderMode) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>Creates a new, empty file with a short random hidden name in this folder, for writing.</summary>
    /// <exception cref="IOException">It could not be created.</exception>
    public SafeFileHandle CreateTemporary(out string name)
    {
        for (var attempt = 0; ; attempt++)
        {
            name = TemporaryName();
            var descriptor = OpenAt(_descriptor, name, WriteOnly | Create | Exclusive | NoFollow | CloseOnExec, NewFileMode);
            if (descriptor >= 0)
            {
                return new SafeFileHandle(descriptor, ownsHandle: true);
            }
            var error = Marshal.GetLastPInvokeError();
            if (error != AlreadyExists || attempt == TemporaryAttempts)
            {
                throw Failure("Creating a temporary file", error);
            }
        }
    }

    /// <summary>Opens the file <paramref name="name"/> inside this one for reading, without following a symbolic link
    /// (<see cref="SymbolicLinkRefused"/>) and without blocking on a FIFO; null and the errno when it cannot. The caller
    /// checks what was opened (<see cref="FileKinds.Of(SafeFileHandle)"/>): a FIFO or device opens too.</summary>
    public SafeFileHandle? OpenFile(string name, out int error)
    {
        var descriptor = OpenAt(_descriptor, name, ReadOnly | NoFollow | NonBlocking | CloseOnExec, 0);
        error = descriptor >= 0 ? 0 : Marshal.GetLastPInvokeError();
        return descriptor >= 0 ? new SafeFileHandle(descriptor, ownsHandle: true) : null;
    }

    /// <summary>A hidden name of 27 bytes, whatever the name of the file it becomes.</summary>
    public static string TemporaryName() => $".write-{Random.Shared.NextInt64():x16}.tmp";

    /// <summary>The glob every <see cref="TemporaryName"/> matches (a file being written, never a result).</summary>
    public const string TemporaryGlob = ".write-*.tmp";

    /// <summary>Renames <paramref name="from"/> to <paramref name="to"/> within this folder, replacing what was there (a
    /// symbolic link itself, never what it points at); 0 or the errno.</summary>
    public int Rename(string from, string to) => RenameAt(_descriptor, from, _descriptor, to) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>Removes the file <paramref name="name"/> from this folder, if it is there.</summary>
    public void Delete(string name) => _ = UnlinkAt(_descriptor, name, 0);

    /// <summary>What <paramref name="name"/> in this folder is, without following a symbolic link.</summary>
    public FileKind KindOf(string name) => FileKinds.Of(_descriptor, name);

    /// <summary>Closes the folder, once: a descriptor closed twice could be one since reused elsewhere in the process.</summary>
    public void Dispose()
    {
        var descriptor = Interlocked.Exchange(ref _descriptor, -1);
        if (descriptor >= 0)
        {
            _ = Close(descriptor);
        }
    }

    public static IOException Failure(string operation, int error) => new($"{operation} failed: {Marshal.GetPInvokeErrorMessage(error)}.");

    private static HeldFolder? From(int descriptor, out int error)
    {
        error = descriptor >= 0 ? 0 : Marshal.GetLastPInvokeError();
        return descriptor >= 0 ? new HeldFolder(descriptor) : null;
    }

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenAt(int directoryFd, string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "mkdirat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MakeFolderAt(int directoryFd, string path, int mode);

    [LibraryImport("libc", EntryPoint = "renameat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt(int fromDirectoryFd, string from, int toDirectoryFd, string to);

    [LibraryImport("libc", EntryPoint = "unlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnlinkAt(int directoryFd, string path, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);
}
