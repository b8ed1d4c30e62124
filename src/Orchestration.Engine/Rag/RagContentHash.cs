using System.Security.Cryptography;
using System.Text;

namespace Orchestration.Engine.Rag;

/// <summary>
/// What identifies a document in a knowledge database: the SHA-256 of its source, type name and normalised text. A
/// client that computes it (the CLI's folder ingest) can tell which files changed without sending them.
/// </summary>
public static class RagContentHash
{
    /// <summary>The text as stored: paragraphs (split on blank lines) trimmed, line endings unified, joined by one blank line.</summary>
    public static string Normalize(string text) => string.Join("\n\n", TextChunker.Paragraphs(text));

    /// <summary>Lower-case hex SHA-256 of source, type name and the normalised text, separated by U+001F (which none of
    /// them contains).</summary>
    public static string Of(string source, string? typeName, string normalizedText) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{source}\u001f{typeName}\u001f{normalizedText}")));
}
