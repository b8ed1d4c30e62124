namespace Orchestration.Core.Routing;

/// <summary>The provider names used in config (<c>providers.default</c>), on usage rows and in <c>/api/services</c>.</summary>
public static class ProviderNames
{
    public const string Auto = "auto";
    public const string Anthropic = "anthropic";
    public const string OpenAI = "openai";
    public const string Ollama = "ollama";
    public const string Simulated = "simulated";
}
