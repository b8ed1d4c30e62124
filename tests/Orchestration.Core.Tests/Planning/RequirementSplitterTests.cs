using Orchestration.Core.Planning;

namespace Orchestration.Core.Tests.Planning;

public sealed class RequirementSplitterTests
{
    [Fact]
    public void Paragraphs_on_blank_lines_are_numbered_in_order()
    {
        var text = "Write hello_world.py.\n- prints a greeting\n- prints the date\n\n  \nWrite RUN.md.\r\n\r\nSummarise.";
        var requirements = RequirementSplitter.Split(text);
        Assert.Equal(["R1", "R2", "R3"], requirements.Select(r => r.Id));
        Assert.Equal("Write hello_world.py.\n- prints a greeting\n- prints the date", requirements[0].Text);
        Assert.Equal("Write RUN.md.", requirements[1].Text);
    }

    [Fact]
    public void A_leading_marker_keeps_its_number_and_later_paragraphs_continue_after_it()
    {
        var requirements = RequirementSplitter.Split("[R3] Third\n\nNext\n\n[r10]   Tenth\n\nLast");
        Assert.Equal(["R3", "R4", "R10", "R11"], requirements.Select(r => r.Id));
        Assert.Equal("Third", requirements[0].Text);
        Assert.Equal("Tenth", requirements[2].Text);
    }

    [Fact]
    public void A_marker_already_taken_gets_the_next_free_number()
    {
        var requirements = RequirementSplitter.Split("First\n\n[R1] Also one?\n\nThird");
        Assert.Equal(["R1", "R2", "R3"], requirements.Select(r => r.Id));
        Assert.Equal("Also one?", requirements[1].Text);
    }

    [Fact]
    public void Each_line_led_by_a_marker_is_a_requirement_of_its_own()
    {
        var requirements = RequirementSplitter.Split("[R1] Write hello_world.py.\n- it prints a greeting\n  [R2] Write RUN.md.\nA closing line\n\nUnmarked");
        Assert.Equal(["R1", "R2", "R3"], requirements.Select(r => r.Id));
        Assert.Equal("Write hello_world.py.\n- it prints a greeting", requirements[0].Text);
        Assert.Equal("Write RUN.md.\nA closing line", requirements[1].Text);
    }

    [Fact]
    public void A_marker_later_in_a_paragraph_is_just_text()
    {
        var requirement = Assert.Single(RequirementSplitter.Split("See [R7] for details"));
        Assert.Equal("R1", requirement.Id);
        Assert.Equal("See [R7] for details", requirement.Text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("\n\n  \n")]
    public void Empty_text_has_no_requirements(string? text) => Assert.Empty(RequirementSplitter.Split(text));

    [Fact]
    public void Numbering_round_trips_through_json()
    {
        var requirements = RequirementSplitter.Split("[R2] a\n\nb");
        var json = RequirementSplitter.ToJson(requirements);
        Assert.Equal("""[{"id":"R2","text":"a"},{"id":"R3","text":"b"}]""", json);
        Assert.Equal(requirements, RequirementSplitter.FromJson(json));
        Assert.Empty(RequirementSplitter.FromJson("not json"));
    }

    [Fact]
    public void Rendering_marks_every_paragraph()
    {
        var rendered = RequirementSplitter.Render(RequirementSplitter.Split("a\n\nb"));
        Assert.Equal("[R1] a\n\n[R2] b", rendered);
        Assert.Equal(["R1", "R2"], RequirementSplitter.Split(rendered).Select(r => r.Id));
    }
}
