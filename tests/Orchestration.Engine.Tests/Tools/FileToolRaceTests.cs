using System.Runtime.InteropServices;
using Orchestration.Engine.Tools;

namespace Orchestration.Engine.Tests.Tools;

/// <summary>write_file and read_file while, on another thread, a folder on their path keeps trading places with a symbolic
/// link out of the workspace, as an attacker with a shell in the workspace would do to redirect a write or a read between
/// check and use.</summary>
public sealed partial class FileToolRaceTests
{
    private const int Writes = 1500;
    private const uint RenameExchange = 2;
    private const int AtFdCwd = -100;

    [Fact]
    public async Task A_folder_swapped_for_a_link_out_mid_write_never_takes_the_write_outside_or_leaves_temporary_files()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the swap is renameat2(RENAME_EXCHANGE), a Linux call");
        using var sandbox = new WorkspaceSandbox();
        var folder = Path.Combine(sandbox.Workspace.Root, "swap");
        var link = Path.Combine(sandbox.Workspace.Root, "swap-link");
        Directory.CreateDirectory(folder);
        File.CreateSymbolicLink(link, sandbox.Outside);
        Assert.True(Exchange(folder, link) && Exchange(folder, link), "renameat2(RENAME_EXCHANGE) is not supported here");
        var outside = sandbox.FilesOutsideTheWorkspace();
        using var stop = new CancellationTokenSource();
        var swaps = 0;
        // NOTE: an atomic exchange, so "swap" always exists (as the folder or as the link): the writer never sees it
        // missing and never recreates it.
        var swapper = Task.Factory.StartNew(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                swaps += Exchange(folder, link) ? 1 : 0;
            }
        }, TaskCreationOptions.LongRunning);
        var written = new List<string>();
        var refused = 0;
        try
        {
            for (var i = 0; i < Writes; i++)
            {
                var path = i % 3 == 0 ? $"swap/deeper/f{i}.txt" : $"swap/f{i}.txt";
                try
                {
                    await sandbox.WriteAsync(path, $"write {i}");
                    written.Add(path);
                }
                catch (ToolException)
                {
                    refused++;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await swapper;
        }

        Assert.Equal(outside, sandbox.FilesOutsideTheWorkspace());
        // Every write that succeeded is in the real folder (under whichever name it ended), and nothing else is: no
        // temporary file is left behind by a write refused half way.
        var realName = Directory.Exists(folder) && new FileInfo(folder).LinkTarget is null ? "swap" : "swap-link";
        var expected = written.Select(p => realName + p["swap".Length..]).Order(StringComparer.Ordinal);
        var inside = sandbox.EntriesInsideTheWorkspace();
        var files = inside.Where(e => e.Value.StartsWith("file: ", StringComparison.Ordinal)).Select(e => e.Key).Except(["swap-link", "swap"]);
        Assert.Equal(expected, files.Order(StringComparer.Ordinal));
        Assert.True(swaps > 0 && written.Count > 0 && refused > 0, $"{swaps} swaps, {written.Count} written, {refused} refused");
    }

    [Fact]
    public async Task A_folder_swapped_for_a_link_out_mid_read_never_reads_outside()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the swap is renameat2(RENAME_EXCHANGE), a Linux call");
        using var sandbox = new WorkspaceSandbox();
        var folder = Path.Combine(sandbox.Workspace.Root, "swap");
        var link = Path.Combine(sandbox.Workspace.Root, "swap-link");
        Directory.CreateDirectory(folder);
        // The same name on both sides: a read redirected through the link would return the secret.
        await File.WriteAllTextAsync(Path.Combine(folder, "secret.txt"), "inside", TestContext.Current.CancellationToken);
        File.CreateSymbolicLink(link, sandbox.Outside);
        Assert.True(Exchange(folder, link) && Exchange(folder, link), "renameat2(RENAME_EXCHANGE) is not supported here");
        using var stop = new CancellationTokenSource();
        var swaps = 0;
        var swapper = Task.Factory.StartNew(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                swaps += Exchange(folder, link) ? 1 : 0;
            }
        }, TaskCreationOptions.LongRunning);
        var (read, refused) = (0, 0);
        try
        {
            for (var i = 0; i < Writes; i++)
            {
                try
                {
                    Assert.Equal("inside", await sandbox.ReadAsync("swap/secret.txt"));
                    read++;
                }
                catch (ToolException)
                {
                    refused++;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await swapper;
        }

        Assert.True(swaps > 0 && read > 0 && refused > 0, $"{swaps} swaps, {read} read, {refused} refused");
    }

    private static bool Exchange(string a, string b) => RenameAt2(AtFdCwd, a, AtFdCwd, b, RenameExchange) == 0;

    [LibraryImport("libc", EntryPoint = "renameat2", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt2(int fromDirectoryFd, string from, int toDirectoryFd, string to, uint flags);
}
