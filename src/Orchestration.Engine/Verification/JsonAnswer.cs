using System.Text.Json;

namespace Orchestration.Engine.Verification;

/// <summary>Finds the JSON object in a model's answer (bare, fenced, or with prose around it).</summary>
internal static class JsonAnswer
{
    public static JsonElement? Object(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        for (var start = text.IndexOf('{'); start >= 0; start = text.IndexOf('{', start + 1))
        {
            var end = text.LastIndexOf('}');
            while (end > start)
            {
                try
                {
                    using var document = JsonDocument.Parse(text.AsMemory(start, end - start + 1));
                    if (document.RootElement.ValueKind == JsonValueKind.Object)
                    {
                        return document.RootElement.Clone();
                    }
                }
                catch (JsonException)
                {
                    // Try a shorter span: prose after the object may contain braces.
                }
                end = text.LastIndexOf('}', end - 1);
            }
        }
        return null;
    }

    public static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
