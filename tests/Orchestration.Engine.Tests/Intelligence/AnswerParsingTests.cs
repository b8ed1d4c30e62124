using Orchestration.Core.Domain;
using Orchestration.Engine.Knowledge;
using Orchestration.Engine.Verification;

namespace Orchestration.Engine.Tests.Intelligence;

public sealed class AnswerParsingTests
{
    [Theory]
    [InlineData("""{"verdict":"passed","notes":"all good"}""", VerificationStatus.Passed, "all good")]
    [InlineData("Here you go:\n```json\n{\"verdict\": \"gaps_found\", \"notes\": \"add tests\"}\n```\nThanks {!}", VerificationStatus.GapsFound, "add tests")]
    [InlineData("""{"verdict":"GAPS-FOUND","notes":"x"}""", VerificationStatus.GapsFound, "x")]
    [InlineData("""{"verdict":"human_needed","notes":"pick a licence"}""", VerificationStatus.HumanNeeded, "pick a licence")]
    public void A_verdict_is_read_from_bare_or_fenced_json(string answer, VerificationStatus status, string notes)
    {
        var result = TaskVerifier.Parse(answer);

        Assert.Equal((status, notes), (result.Status, result.Notes));
    }

    [Theory]
    [InlineData("Looks great to me!")]
    [InlineData("""{"verdict": "passed", "notes": "the output looks comp""")]
    [InlineData("""{"notes":"no verdict"}""")]
    [InlineData("")]
    public void An_unreadable_verdict_counts_as_human_needed(string answer)
    {
        Assert.Equal(VerificationStatus.HumanNeeded, TaskVerifier.Parse(answer).Status);
    }

    [Fact]
    public void An_unknown_verdict_goes_to_a_person_and_says_what_it_was()
    {
        var result = TaskVerifier.Parse("""{"verdict":"maybe","notes":"unsure"}""");

        Assert.Equal(VerificationStatus.HumanNeeded, result.Status);
        Assert.Contains("'maybe'", result.Notes, StringComparison.Ordinal);
    }

    [Fact]
    public void Findings_keep_known_categories_drop_empty_and_repeated_content()
    {
        var findings = KnowledgeExtractor.Parse(
            """
            {"findings":[
              {"category":"constraint","content":"The API requires ISO 8601 dates."},
              {"category":"Gotcha","content":"  Ports below 1024 need root.  "},
              {"category":"rumour","content":"Not a category."},
              {"category":"decision","content":""},
              {"category":"discovery","content":"the api requires ISO 8601  dates."},
              {"content":"no category"}]}
            """);

        Assert.Equal([("constraint", "The API requires ISO 8601 dates."), ("gotcha", "Ports below 1024 need root.")],
            findings.Select(f => (f.Category, f.Content)));
        Assert.Empty(KnowledgeExtractor.Parse("no json at all"));
        Assert.Empty(KnowledgeExtractor.Parse("""{"findings":"none"}"""));
    }
}
