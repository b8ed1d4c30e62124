using System.Text.Json.Nodes;
using Orchestration.Core.Domain;
using Orchestration.Core.Planning;
using Orchestration.Storage.Plans;

namespace Orchestration.Storage.Tests.Infrastructure;

/// <summary>Plans for storage tests: written as JSON, validated and decomposed the way the engine does.</summary>
internal static class TestPlans
{
    public const string Diamond = """
        {"summary": "diamond", "phases": [
          {"name": "Start", "tasks": [
            {"title": "Root", "description": "r", "task_type": "research", "complexity": "simple", "requirement_ids": ["R1"]}]},
          {"name": "Middle", "tasks": [
            {"title": "Left", "description": "l", "task_type": "code", "complexity": "medium", "depends_on": [0], "requirement_ids": ["R2"], "tools_needed": ["write_file"]},
            {"title": "Right", "description": "find me", "task_type": "code", "complexity": "complex", "depends_on": [0], "priority": 700, "model_tier": "opus"}]},
          {"name": "End", "tasks": [
            {"title": "Join", "description": "j", "task_type": "documentation", "complexity": "simple", "depends_on": [2, 1], "requirement_ids": ["R2", "R3"]}]}
        ]}
        """;

    public static PlanDocument Parse(string json)
    {
        var result = PlanValidator.Validate(JsonNode.Parse(json));
        Assert.True(result.IsValid, result.Summary);
        return result.Plan!;
    }

    public static NewPlan New(string projectId, PlanDocument plan) => new(
        Ids.New(), projectId, PlanJson.Serialize(plan), "{}", RequirementSplitter.ToJson(RequirementSplitter.Split("One.\n\nTwo.\n\nThree.")),
        "claude-sonnet-4-6", 100, 200, 3_000, 10);

    public static PlanApproval Approval(string ownerId, PlanRecord record, double now = 20)
    {
        var plan = Parse(record.PlanJson);
        var graph = PlanDecomposer.Decompose(plan, t => t.ModelTier ?? ModelTier.Haiku);
        return new PlanApproval(ownerId, record.ProjectId, record.Id, record.PlanJson, graph, now);
    }
}
