using Orchestration.Core.Planning;

namespace Orchestration.Core.Tests.Planning;

public sealed class PlanParserTests
{
    [Fact]
    public void Finds_json_inside_a_fence_surrounded_by_prose()
    {
        var result = PlanParser.Parse(PlanCorpus.Read("valid_l2_fenced.md"));
        Assert.True(result.Found, result.Error);
        Assert.Equal("A small CLI with tests and docs.", (string?)result.Json!["summary"]);
    }

    [Fact]
    public void Finds_a_bare_object_surrounded_by_prose_and_skips_braces_in_strings()
    {
        var text = """Sure! {"summary": "uses {braces} and \"quotes\" inside", "tasks": []} Hope this helps {really}.""";
        var result = PlanParser.Parse(text);
        Assert.True(result.Found, result.Error);
        Assert.Equal("uses {braces} and \"quotes\" inside", (string?)result.Json!["summary"]);
    }

    [Fact]
    public void Prefers_the_object_that_looks_like_a_plan_over_an_earlier_example_object()
    {
        var result = PlanParser.Parse("""Format: {"a": 1}. Plan: {"summary": "real", "tasks": []}""");
        Assert.Equal("real", (string?)result.Json!["summary"]);
    }

    [Fact]
    public void Tolerates_trailing_commas_and_comments()
    {
        var result = PlanParser.Parse("""{"summary": "s", /* note */ "tasks": [1, 2,],}""");
        Assert.True(result.Found, result.Error);
    }

    [Fact]
    public void Prose_without_json_says_so()
    {
        var result = PlanParser.Parse(PlanCorpus.Read("prose_only.txt"));
        Assert.False(result.Found);
        Assert.Contains("no JSON object", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_json_is_reported_as_truncated()
    {
        var result = PlanParser.Parse(PlanCorpus.Read("truncated.txt"));
        Assert.False(result.Found);
        Assert.Contains("truncated", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stray_open_brace_in_prose_does_not_hide_the_plan_after_it()
    {
        var result = PlanParser.Parse("""Use the { key. Then: {"summary": "s", "tasks": []}""");
        Assert.True(result.Found, result.Error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n ")]
    public void Empty_answers_are_reported(string? text)
    {
        var result = PlanParser.Parse(text);
        Assert.False(result.Found);
        Assert.Contains("empty", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_names_the_problem()
    {
        var result = PlanParser.Parse("{'summary': 'single quotes'}");
        Assert.False(result.Found);
        Assert.Contains("not valid JSON", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_unclosed_braces_stay_fast()
    {
        var text = new string('{', 200_000);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = PlanParser.Parse(text);
        Assert.False(result.Found);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"took {started.Elapsed}");
    }

    [Theory]
    [InlineData("""{"summary": "s", "summary": "again", "tasks": []}""", "the object repeats a key")]
    [InlineData("""Plan: {"summary": "s", "tasks": [{"title": "\ud800"}]}""", "tasks[0].title is not valid text")]
    public void An_object_that_parses_but_cannot_be_read_is_an_error_not_an_exception(string text, string error)
    {
        // Found by PlanPropertyTests: reading such an object's keys or strings threw exceptions the parser did not expect.
        var result = PlanParser.Parse(text);
        Assert.False(result.Found);
        Assert.Contains(error, result.Error, StringComparison.Ordinal);
    }
}
