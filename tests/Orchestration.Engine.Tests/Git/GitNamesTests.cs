using Orchestration.Engine.Git;

namespace Orchestration.Engine.Tests.Git;

public sealed class GitNamesTests
{
    [Theory]
    [InlineData("Hello World!", "hello-world")]
    [InlineData("  Café -- déjà vu  ", "cafe-deja-vu")]
    [InlineData("../../etc/passwd", "etc-passwd")]
    [InlineData("日本語", "project")]
    [InlineData("", "project")]
    public void Project_names_become_branch_safe_slugs(string name, string slug) =>
        Assert.Equal($"orch/{slug}-89abcdef", GitNames.Branch("orch", name, "0123456789abcdef"));

    [Fact]
    public void A_project_finds_its_branch_by_the_id_suffix_whatever_its_name()
    {
        Assert.True(GitNames.IsProjectBranch("orch/old-name-89abcdef", "orch", "0123456789abcdef"));
        Assert.False(GitNames.IsProjectBranch("orch/old-name-89abcdee", "orch", "0123456789abcdef"));
        Assert.False(GitNames.IsProjectBranch("other/old-name-89abcdef", "orch", "0123456789abcdef"));
    }

    [Fact]
    public void Output_files_are_numbered_by_task_index_and_named_by_title()
    {
        Assert.Equal("007-write-the-readme.md", GitNames.OutputFile(7, "Write the README"));
        Assert.Equal("123-task.md", GitNames.OutputFile(123, "???"));
        Assert.Equal(48 + "000-.md".Length, GitNames.OutputFile(0, new string('a', 100)).Length);
    }

    [Fact]
    public void Commit_subjects_are_one_line()
    {
        Assert.Equal("Write it now", GitNames.Subject("Write\nit\r\n\tnow", 3));
        Assert.Equal("Task 3", GitNames.Subject(" \n ", 3));
    }
}
