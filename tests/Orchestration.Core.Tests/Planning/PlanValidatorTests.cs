using System.Text.Json.Nodes;
using Orchestration.Core.Domain;
using Orchestration.Core.Planning;

namespace Orchestration.Core.Tests.Planning;

public sealed class PlanValidatorTests
{
    private static readonly string[] ThreeRequirements = ["R1", "R2", "R3"];

    [Fact]
    public void A_flat_L1_plan_is_read_with_every_field()
    {
        var result = PlanCorpus.ParseAndValidate(PlanCorpus.Read("valid_l1.json"), ThreeRequirements);
        Assert.True(result.IsValid, result.Summary);
        var plan = result.Plan!;
        Assert.Null(plan.Phases);
        Assert.Equal(3, plan.Tasks!.Count);
        var first = plan.Tasks[0];
        Assert.Equal("Write hello_world.py", first.Title);
        Assert.Equal(TaskComplexity.Simple, first.Complexity);
        Assert.Equal(["write_file"], first.ToolsNeeded);
        Assert.Equal(["hello_world.py"], first.AffectedFiles);
        Assert.Null(plan.Tasks[1].ToolsNeeded);           // missing: the type's defaults
        Assert.Equal([], plan.Tasks[2].ToolsNeeded);       // []: no tools
        Assert.Equal([0, 1], plan.Tasks[2].DependsOn);
    }

    [Fact]
    public void A_fenced_L2_plan_is_repaired_where_it_is_only_sloppy()
    {
        var result = PlanCorpus.ParseAndValidate(PlanCorpus.Read("valid_l2_fenced.md"), ThreeRequirements);
        Assert.True(result.IsValid, result.Summary);
        var all = result.Plan!.AllTasks();
        Assert.Equal(4, all.Count);
        Assert.Equal(["Build", "Build", "Document", "Document"], all.Select(t => t.Phase));
        var readme = all[2].Task;
        Assert.Equal("documentation", readme.TaskType);       // case normalised
        Assert.Equal(TaskComplexity.Simple, readme.Complexity);
        Assert.Equal([1], readme.DependsOn);                   // duplicates merged
        Assert.Equal([1, 2], all[3].Task.DependsOn);           // a title and a numeric string resolved
        Assert.Equal(2, result.Plan.OpenQuestions!.Count);
        Assert.Equal("Should it support Windows?", result.Plan.OpenQuestions[1].Question);
    }

    [Fact]
    public void An_L3_plan_keeps_risks_test_strategy_tier_and_priority()
    {
        var result = PlanCorpus.ParseAndValidate(PlanCorpus.Read("valid_l3.json"), ThreeRequirements);
        Assert.True(result.IsValid, result.Summary);
        var plan = result.Plan!;
        Assert.Equal("Data loss", plan.RiskAssessment![0].Risk);
        Assert.Equal(["Test the migration", "3"], plan.TestStrategy!.TestTasks);
        var backup = plan.AllTasks()[1].Task;
        Assert.Equal(ModelTier.Sonnet, backup.ModelTier);
        Assert.Equal(900, backup.Priority);
        Assert.Equal("- Every column listed\n- Every index listed", plan.AllTasks()[0].Task.VerificationCriteria);
    }

    [Fact]
    public void Wrong_types_are_each_named_by_path()
    {
        var result = PlanCorpus.ParseAndValidate(PlanCorpus.Read("wrong_types.json"));
        Assert.False(result.IsValid);
        Assert.Contains("summary", result.Errors.Keys);
        Assert.Contains("tasks[0].title", result.Errors.Keys);
        Assert.Contains("tasks[0].depends_on", result.Errors.Keys);
        Assert.Contains("tasks[1].complexity", result.Errors.Keys);
        Assert.Contains("tasks[1].depends_on[0]", result.Errors.Keys);
        Assert.Contains("tasks[1].priority", result.Errors.Keys);
        Assert.Contains("tasks[2]", result.Errors.Keys);
        Assert.Contains("simple, medium, complex", result.Errors["tasks[1].complexity"][0], StringComparison.Ordinal);
        Assert.StartsWith("summary: must be a string", result.Summary, StringComparison.Ordinal);
        Assert.Contains("more problems", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Indexes_out_of_range_are_refused_with_the_global_range()
    {
        var result = PlanCorpus.ParseAndValidate(PlanCorpus.Read("index_out_of_range.json"));
        Assert.False(result.IsValid);
        Assert.Equal(["phases[1].tasks[1].depends_on[0]", "phases[1].tasks[1].depends_on[1]"],
            result.Errors.Keys.Where(k => k.StartsWith("phases[1].tasks[1]", StringComparison.Ordinal)));
        Assert.Contains("0–3", result.Errors["phases[1].tasks[1].depends_on[1]"][0], StringComparison.Ordinal);
        // Index 3 exists globally (D), so C → D is fine on its own.
        Assert.DoesNotContain("phases[1].tasks[0].depends_on[0]", result.Errors.Keys);
    }

    [Fact]
    public void A_cycle_across_phases_names_every_task_in_it()
    {
        var result = PlanCorpus.ParseAndValidate(PlanCorpus.Read("cycle_across_phases.json"));
        Assert.False(result.IsValid);
        var message = Assert.Single(result.Errors["depends_on"]);
        foreach (var title in new[] { "Alpha", "Beta", "Gamma", "Delta" })
        {
            Assert.Contains($"'{title}'", message, StringComparison.Ordinal);
        }
        Assert.Contains("cycle", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Cycles_of_any_length_are_refused(int length)
    {
        var tasks = Enumerable.Range(0, length + 2).Select(i =>
        {
            // Two independent tasks first, then a ring over the rest.
            var deps = i < 2 ? "" : $"{(i == 2 ? length + 1 : i - 1)}";
            return $$"""{"title": "T{{i}}", "description": "", "task_type": "code", "complexity": "simple", "depends_on": [{{deps}}]}""";
        });
        var result = PlanValidator.Validate(JsonNode.Parse("{\"summary\": \"s\", \"tasks\": [" + string.Join(",", tasks) + "]}"));
        Assert.False(result.IsValid);
        var message = result.Errors["depends_on"][0];
        Assert.Equal(length, Enumerable.Range(2, length).Count(i => message.Contains($"'T{i}'", StringComparison.Ordinal)));
        Assert.DoesNotContain("'T0'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_self_dependency_is_refused()
    {
        var result = PlanCorpus.ParseAndValidate(PlanCorpus.Read("self_dependency.json"));
        Assert.Contains("itself", Assert.Single(result.Errors["tasks[0].depends_on[0]"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_titles_are_refused_ignoring_case_and_spaces()
    {
        var result = PlanCorpus.ParseAndValidate(PlanCorpus.Read("duplicate_titles.json"));
        Assert.Contains("unique", Assert.Single(result.Errors["tasks[1].title"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Tasks_and_phases_together_are_ambiguous()
    {
        var result = PlanCorpus.ParseAndValidate(PlanCorpus.Read("both_tasks_and_phases.json"));
        Assert.Contains("not both", result.Errors["tasks"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_task_type_is_kept()
    {
        var result = PlanCorpus.ParseAndValidate(PlanCorpus.Read("unknown_task_type.json"));
        Assert.True(result.IsValid, result.Summary);
        Assert.Equal("video_editing", result.Plan!.Tasks![0].TaskType);
    }

    [Fact]
    public void Requirement_ids_are_normalised_and_checked_against_the_project()
    {
        var plan = """{"summary": "s", "tasks": [{"title": "A", "description": "", "task_type": "code", "complexity": "simple", "requirement_ids": ["r1", "[R2]", 3, "R1"]}]}""";
        var ok = PlanValidator.Validate(JsonNode.Parse(plan), ThreeRequirements);
        Assert.Equal(["R1", "R2", "R3"], ok.Plan!.Tasks![0].RequirementIds);
        var unknown = PlanValidator.Validate(JsonNode.Parse(plan), ["R1"]);
        Assert.Contains("R2 is not a requirement", unknown.Errors["tasks[0].requirement_ids"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_with_too_many_tasks_is_refused_in_one_message()
    {
        var result = PlanCorpus.ParseAndValidate(PlanCorpus.Chain(PlanLimits.MaxTasks + 1));
        Assert.Equal($"the plan has {PlanLimits.MaxTasks + 1} tasks; at most {PlanLimits.MaxTasks} are allowed.", Assert.Single(result.Errors["tasks"]));
    }

    [Fact]
    public void A_plan_at_the_task_limit_is_valid()
    {
        var result = PlanCorpus.ParseAndValidate(PlanCorpus.Chain(PlanLimits.MaxTasks));
        Assert.True(result.IsValid, result.Summary);
    }

    [Fact]
    public void Oversized_text_is_refused_with_the_limit()
    {
        var long_title = new string('x', PlanLimits.MaxTitleLength + 1);
        var result = PlanValidator.Validate(JsonNode.Parse($$"""{"summary": "s", "tasks": [{"title": "{{long_title}}", "description": "", "task_type": "code", "complexity": "simple"}]}"""));
        Assert.Contains($"at most {PlanLimits.MaxTitleLength}", result.Errors["tasks[0].title"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_fields_are_each_reported()
    {
        var result = PlanValidator.Validate(JsonNode.Parse("""{"tasks": [{"depends_on": []}]}"""));
        Assert.Equal(["summary", "tasks[0].title", "tasks[0].description", "tasks[0].task_type", "tasks[0].complexity"], result.Errors.Keys);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"plan\"")]
    [InlineData("null")]
    public void A_root_that_is_not_an_object_is_refused(string json)
    {
        var result = PlanValidator.Validate(JsonNode.Parse(json));
        Assert.Contains("must be a JSON object", result.Errors["plan"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_without_tasks_is_refused()
    {
        var result = PlanValidator.Validate(JsonNode.Parse("""{"summary": "s", "phases": [{"name": "Empty", "tasks": []}]}"""));
        Assert.Contains("no tasks", result.Errors["tasks"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Error_lists_are_capped()
    {
        var tasks = string.Join(",", Enumerable.Range(0, 150).Select(_ => "{}"));
        var result = PlanValidator.Validate(JsonNode.Parse($$"""{"summary": "s", "tasks": [{{tasks}}]}"""));
        Assert.Equal(PlanLimits.MaxErrors, result.Errors.Values.Sum(v => v.Length));
    }

    [Fact]
    public void A_validated_plan_round_trips_through_its_json()
    {
        foreach (var name in new[] { "valid_l1.json", "valid_l2_fenced.md", "valid_l3.json" })
        {
            var first = PlanCorpus.ParseAndValidate(PlanCorpus.Read(name)).Plan!;
            var json = PlanJson.Serialize(first);
            var second = PlanValidator.Validate(JsonNode.Parse(json)).Plan!;
            Assert.Equal(json, PlanJson.Serialize(second));
        }
    }

    [Fact]
    public void Serialised_plans_use_snake_case_and_wire_enums()
    {
        var json = PlanJson.Serialize(PlanCorpus.ParseAndValidate(PlanCorpus.Read("valid_l3.json")).Plan!);
        Assert.Contains("\"risk_assessment\":", json, StringComparison.Ordinal);
        Assert.Contains("\"complexity\":\"complex\"", json, StringComparison.Ordinal);
        Assert.Contains("\"model_tier\":\"sonnet\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"tasks\":null", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Plans_built_in_code_read_like_parsed_ones()
    {
        var task = new JsonObject
        {
            ["title"] = "A", ["description"] = "", ["task_type"] = "code", ["complexity"] = "simple",
            ["depends_on"] = new JsonArray(1, 1.0), ["priority"] = 5, ["requirement_ids"] = new JsonArray(2),
        };
        var other = new JsonObject { ["title"] = "B", ["description"] = "", ["task_type"] = "code", ["complexity"] = "simple" };
        var result = PlanValidator.Validate(new JsonObject { ["summary"] = "s", ["tasks"] = new JsonArray(task, other) });
        Assert.True(result.IsValid, result.Summary);
        Assert.Equal([1], result.Plan!.Tasks![0].DependsOn);
        Assert.Equal(5, result.Plan.Tasks[0].Priority);
        Assert.Equal(["R2"], result.Plan.Tasks[0].RequirementIds);
    }

    private const string OneTask = """{"title": "A", "description": "", "task_type": "code", "complexity": "simple"}""";

    [Fact]
    public void An_empty_bare_open_question_is_dropped_so_the_stored_plan_reads_back()
    {
        // Found by PlanPropertyTests: "" was kept as a question, stored as {"question": ""} and refused at approval.
        var result = PlanValidator.Validate(JsonNode.Parse($$"""{"summary": "s", "tasks": [{{OneTask}}], "open_questions": ["", "  ", "Why?"]}"""));
        Assert.True(result.IsValid, result.Summary);
        Assert.Equal(["Why?"], result.Plan!.OpenQuestions!.Select(q => q.Question));
        Assert.True(PlanValidator.Validate(PlanJson.TryParse(PlanJson.Serialize(result.Plan))).IsValid);
    }

    [Fact]
    public void Bare_question_and_test_strategy_text_keep_the_text_limit()
    {
        // Found by PlanPropertyTests: bare strings skipped the limit their object form has, so approval refused them.
        var text = new string('q', PlanLimits.MaxTextLength + 1);
        var question = PlanValidator.Validate(JsonNode.Parse($$"""{"summary": "s", "tasks": [{{OneTask}}], "open_questions": ["{{text}}"]}"""));
        Assert.Contains($"at most {PlanLimits.MaxTextLength}", Assert.Single(question.Errors["open_questions[0]"]), StringComparison.Ordinal);
        var strategy = PlanValidator.Validate(JsonNode.Parse($$"""{"summary": "s", "tasks": [{{OneTask}}], "test_strategy": "{{text}}"}"""));
        Assert.Contains($"at most {PlanLimits.MaxTextLength}", Assert.Single(strategy.Errors["test_strategy"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Listed_verification_criteria_keep_the_limit_of_the_text_they_are_joined_into()
    {
        // Found by PlanPropertyTests: five criteria of 4,900 characters each passed, joined into over 24,000.
        var task = JsonNode.Parse(OneTask)!.AsObject();
        task["verification_criteria"] = new JsonArray(Enumerable.Range(0, 5).Select(k => (JsonNode?)(k + new string('c', 4_900))).ToArray());
        var result = PlanValidator.Validate(new JsonObject { ["summary"] = "s", ["tasks"] = new JsonArray(task) });
        Assert.Contains($"at most {PlanLimits.MaxDescriptionLength}", Assert.Single(result.Errors["tasks[0].verification_criteria"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"summary": "s", "summary": "t", "tasks": []}""", "plan", "repeats a key")]
    [InlineData("""{"summary": "s", "tasks": [{"title": "A", "title": "B"}]}""", "tasks[0]", "repeats a key")]
    [InlineData("""{"summary": "s", "tasks": [{"title": "A\ud800", "description": "", "task_type": "code", "complexity": "simple"}]}""", "tasks[0].title", "surrogate")]
    [InlineData("""{"summary": "s", "tasks": [{"\udc00": 1}]}""", "tasks[0]", "surrogate")]
    public void Json_that_parses_but_cannot_be_read_is_a_problem_not_an_exception(string json, string path, string problem)
    {
        // Found by PlanPropertyTests: a repeated key threw ArgumentException, an escaped lone surrogate InvalidOperationException.
        var result = PlanValidator.Validate(JsonNode.Parse(json));
        Assert.Contains(problem, Assert.Single(result.Errors[path]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"summary": "s", "tasks": [{"title": "A\u0000", "description": "", "task_type": "code", "complexity": "simple"}]}""", "tasks[0].title")]
    [InlineData("""{"summary": "s", "tasks": [{"title": "A", "description": "", "task_type": "code", "complexity": "simple", "tools_needed": ["x\u0000"]}]}""", "tasks[0].tools_needed[0]")]
    [InlineData("""{"summary": "s", "tasks": [{"title": "A", "description": "", "task_type": "code", "complexity": "simple"}], "open_questions": ["\u0000?"]}""", "open_questions[0]")]
    public void Text_holding_a_nul_character_is_refused(string json, string path)
    {
        // Found by PlanEditPropertyTests on PostgreSQL: a title with U+0000 was accepted, and approval failed with a 500
        // because text columns there cannot hold it.
        var result = PlanValidator.Validate(JsonNode.Parse(json));
        Assert.Contains("NUL", Assert.Single(result.Errors[path]), StringComparison.Ordinal);
    }
}
