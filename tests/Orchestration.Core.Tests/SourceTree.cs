namespace Orchestration.Core.Tests;

/// <summary>The repository's root folder (the one holding Orchestration.slnx), found from the test's output folder.</summary>
internal static class SourceTree
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orchestration.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (Orchestration.slnx) was not found above " + AppContext.BaseDirectory);
    }
}
