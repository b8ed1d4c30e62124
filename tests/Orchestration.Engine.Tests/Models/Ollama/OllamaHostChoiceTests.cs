using Orchestration.Engine.Models.Providers.Ollama;

namespace Orchestration.Engine.Tests.Models.Ollama;

/// <summary>The balancer's pure rule: allowed hosts that have the model, in rotation, fewest in flight, config order.</summary>
public sealed class OllamaHostChoiceTests
{
    private const string Model = "qwen2.5-coder:14b";
    private static readonly HashSet<int> None = [];

    private static HashSet<int> Tried(params int[] indexes) => [.. indexes];

    private static OllamaHostView Host(string name, int inFlight = 0, bool inRotation = true, params string[]? models) =>
        new(name, inRotation, models is null ? null : models.ToHashSet(StringComparer.Ordinal), inFlight);

    [Fact]
    public void The_host_with_fewest_requests_in_flight_wins() =>
        Assert.Equal(1, OllamaHostChoice.Choose([Host("a", 2, models: null), Host("b", 1, models: null), Host("c", 3, models: null)], Model, null, None));

    [Fact]
    public void A_tie_goes_to_the_earlier_host_in_config_order() =>
        Assert.Equal(1, OllamaHostChoice.Choose([Host("a", 2, models: null), Host("b", 1, models: null), Host("c", 1, models: null)], Model, null, None));

    [Fact]
    public void A_host_known_not_to_have_the_model_is_passed_over_however_idle() =>
        Assert.Equal(1, OllamaHostChoice.Choose([Host("a", 0, true, "llama3:latest"), Host("b", 5, true, Model)], Model, null, None));

    [Fact]
    public void A_host_whose_models_are_not_known_yet_may_take_it() =>
        Assert.Equal(0, OllamaHostChoice.Choose([Host("a", 0, models: null), Host("b", 0, true, Model)], Model, null, None));

    [Fact]
    public void A_name_without_a_tag_means_latest() =>
        Assert.Equal(1, OllamaHostChoice.Choose([Host("a", 0, true, "llama3:8b"), Host("b", 3, true, "llama3:latest")], "llama3", null, None));

    [Fact]
    public void A_host_out_of_rotation_is_skipped_while_another_qualifies() =>
        Assert.Equal(1, OllamaHostChoice.Choose([Host("a", 0, false, Model), Host("b", 4, true, Model)], Model, null, None));

    [Fact]
    public void When_every_untried_host_is_out_of_rotation_they_are_tried_anyway() =>
        Assert.Equal(1, OllamaHostChoice.Choose([Host("a", 0, true, Model), Host("b", 0, false, Model)], Model, null, Tried(0)));

    [Fact]
    public void Only_the_hosts_listed_for_the_model_are_chosen() =>
        Assert.Equal(2, OllamaHostChoice.Choose([Host("a", 0, models: null), Host("b", 9, models: null), Host("c", 3, models: null)], Model, ["c", "b"], None));

    [Fact]
    public void Tried_hosts_are_not_chosen_again_and_none_left_is_minus_one()
    {
        OllamaHostView[] hosts = [Host("a", 0, true, Model), Host("b", 0, true, Model), Host("c", 0, true, "other:1b")];

        Assert.Equal(1, OllamaHostChoice.Choose(hosts, Model, null, Tried(0)));
        Assert.Equal(-1, OllamaHostChoice.Choose(hosts, Model, null, Tried(0, 1)));
    }

    [Fact]
    public void When_no_host_is_known_to_have_the_model_every_allowed_host_qualifies() =>
        Assert.Equal(1, OllamaHostChoice.Choose([Host("a", 2, true, "other:1b"), Host("b", 0, true, "other:1b")], Model, null, None));
}
