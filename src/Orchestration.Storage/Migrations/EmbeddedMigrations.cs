using System.Reflection;
using System.Text.RegularExpressions;

namespace Orchestration.Storage.Migrations;

/// <summary>The numbered SQL migrations embedded in this assembly, one set per dialect, and the rule both migrators
/// share about versions they do not know.</summary>
internal static partial class EmbeddedMigrations
{
    /// <summary>The migrations under Migrations/ (SQLite) or Migrations/<paramref name="folder"/>/, by version.</summary>
    public static List<Migration> Load(string? folder = null)
    {
        var assembly = typeof(EmbeddedMigrations).Assembly;
        var prefix = "Orchestration.Storage.Migrations." + (folder is null ? "" : folder + ".");
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(name => (name, match: FileName().Match(name[prefix.Length..])))
            .Where(x => x.match.Success)
            .Select(x => new Migration(int.Parse(x.match.Groups[1].Value), x.match.Groups[2].Value, Read(assembly, x.name)))
            .OrderBy(m => m.Version)
            .ToList();
    }

    /// <summary>Refuses a database migrated by a newer server: its schema may not mean what this code expects.</summary>
    public static void EnsureKnown(int current, int latest)
    {
        if (current > latest)
        {
            throw new InvalidOperationException(
                $"The database schema is at version {current}, newer than this server knows ({latest}); upgrade the server.");
        }
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(\d{4})_(\w+)\.sql$")]
    private static partial Regex FileName();
}
