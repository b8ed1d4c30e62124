using System.Text;
using Orchestration.Engine.Tools;

namespace Orchestration.Engine.Tests.Tools;

/// <summary>File names up to the file system's limit of 255 bytes (UTF-8) are written and read back; longer ones are
/// refused with a tool error.</summary>
public sealed class FileToolLongNameTests
{
    public static TheoryData<string> NamesOfTheLimit => new()
    {
        new string('a', 251) + ".txt",
        // 83 three-byte characters (249 bytes), a two-byte one and ".txt".
        string.Concat(Enumerable.Repeat("日", 83)) + "é.txt",
        // 63 four-byte characters (surrogate pairs in .NET's strings) and "abc".
        string.Concat(Enumerable.Repeat("𝄞", 63)) + "abc",
    };

    public static TheoryData<string> NamesOverTheLimit => new()
    {
        new string('a', 252) + ".txt",
        string.Concat(Enumerable.Repeat("日", 85)) + "a",
        string.Concat(Enumerable.Repeat("é", 128)),
    };

    [Theory]
    [MemberData(nameof(NamesOfTheLimit))]
    public async Task A_name_of_255_bytes_is_written_and_read_back_and_leaves_no_temporary_file(string name)
    {
        Assert.Equal(255, Encoding.UTF8.GetByteCount(name));
        using var sandbox = new WorkspaceSandbox();

        var wrote = await sandbox.WriteAsync($"notes/{name}", "long name");
        await sandbox.WriteAsync(name, "long name at the root");
        await sandbox.WriteAsync(name, "long name at the root, replaced");

        Assert.Contains($"to notes/{name}.", wrote, StringComparison.Ordinal);
        Assert.Equal("long name", await sandbox.ReadAsync($"notes/{name}"));
        Assert.Equal("long name at the root, replaced", await sandbox.ReadAsync(name));
        Assert.Equal(new[] { "notes", $"notes/{name}", name }.Order(StringComparer.Ordinal), sandbox.EntriesInsideTheWorkspace().Keys);
    }

    [Theory]
    [MemberData(nameof(NamesOverTheLimit))]
    public async Task A_name_of_256_bytes_or_more_is_refused_by_both_tools(string name)
    {
        using var sandbox = new WorkspaceSandbox();
        var bytes = Encoding.UTF8.GetByteCount(name);
        Assert.InRange(bytes, 256, 258);

        var write = await Assert.ThrowsAsync<ToolException>(() => sandbox.WriteAsync($"notes/{name}", "x"));
        var folder = await Assert.ThrowsAsync<ToolException>(() => sandbox.WriteAsync($"{name}/file.txt", "x"));
        var read = await Assert.ThrowsAsync<ToolException>(() => sandbox.ReadAsync(name));

        foreach (var refused in new[] { write, folder, read })
        {
            Assert.Contains($"is {bytes} bytes long", refused.Message, StringComparison.Ordinal);
            Assert.Contains("at most 255 bytes", refused.Message, StringComparison.Ordinal);
        }
        Assert.Equal(["notes"], sandbox.EntriesInsideTheWorkspace().Keys);
    }
}
