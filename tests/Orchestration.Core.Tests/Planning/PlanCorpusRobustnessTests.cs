using Orchestration.Core.Planning;

namespace Orchestration.Core.Tests.Planning;

/// <summary>Whatever a model sends, the answer is a valid plan or a list of problems: never an exception.</summary>
public sealed class PlanCorpusRobustnessTests
{
    [Fact]
    public void Every_corpus_item_is_a_plan_or_a_problem()
    {
        foreach (var name in PlanCorpus.Names())
        {
            var result = PlanCorpus.ParseAndValidate(PlanCorpus.Read(name));
            Assert.True(result.IsValid == name.StartsWith("valid_", StringComparison.Ordinal) || name.StartsWith("unknown", StringComparison.Ordinal),
                $"{name}: {result.Summary}");
            Assert.True(result.IsValid || result.Errors.Count > 0, name);
        }
    }

    [Fact]
    public void Every_truncation_of_a_valid_answer_is_a_plan_or_a_problem()
    {
        var text = PlanCorpus.Read("valid_l2_fenced.md");
        for (var length = 0; length < text.Length; length++)
        {
            var result = PlanCorpus.ParseAndValidate(text[..length]);
            Assert.True(result.IsValid || result.Errors.Count > 0);
        }
    }

    [Fact]
    public void Random_corruptions_of_a_valid_answer_are_a_plan_or_a_problem()
    {
        var text = PlanCorpus.Read("valid_l3.json");
        var random = new Random(7);
        const string Noise = "{}[]\",:0123456789-tnfx \n";
        for (var round = 0; round < 2_000; round++)
        {
            var chars = text.ToCharArray();
            for (var k = 0; k < 1 + random.Next(4); k++)
            {
                chars[random.Next(chars.Length)] = Noise[random.Next(Noise.Length)];
            }
            var result = PlanCorpus.ParseAndValidate(new string(chars));
            Assert.True(result.IsValid || result.Errors.Count > 0);
        }
    }
}
