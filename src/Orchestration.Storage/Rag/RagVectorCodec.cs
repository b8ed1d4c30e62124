using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Orchestration.Storage.Rag;

/// <summary>
/// Reads a stored embedding: a BLOB of little-endian float32 (this product's layout) or float64 values, or a JSON array
/// of numbers (both occur in databases built by the original product's indexer).
/// </summary>
internal static class RagVectorCodec
{
    /// <summary>The vector, or null when the value is not one of <paramref name="dimensions"/> numbers.</summary>
    public static float[]? Decode(object? value, int dimensions) => value switch
    {
        byte[] bytes when bytes.Length == dimensions * sizeof(float) => MemoryMarshal.Cast<byte, float>(bytes).ToArray(),
        byte[] bytes when bytes.Length == dimensions * sizeof(double) => [.. MemoryMarshal.Cast<byte, double>(bytes).ToArray().Select(d => (float)d)],
        string text when text.TrimStart().StartsWith('[') => FromJson(text, dimensions),
        _ => null,
    };

    /// <summary>The number of dimensions of a stored embedding (null when it is not one). A BLOB is read as float32
    /// unless its values only make sense as float64 (float64 bytes read as float32 give huge or non-finite numbers).</summary>
    public static int? DimensionsOf(object? value) => value switch
    {
        byte[] bytes when bytes.Length % sizeof(double) == 0 && !LooksLikeFloat32(bytes) => bytes.Length / sizeof(double),
        byte[] bytes when bytes.Length % sizeof(float) == 0 => bytes.Length / sizeof(float),
        string text when text.TrimStart().StartsWith('[') => Count(text),
        _ => null,
    };

    private static bool LooksLikeFloat32(byte[] bytes)
    {
        for (var i = 0; i < bytes.Length; i += sizeof(float))
        {
            var value = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i));
            if (!float.IsFinite(value) || Math.Abs(value) > 1e3f)
            {
                return false;
            }
        }
        return true;
    }

    private static float[]? FromJson(string text, int dimensions)
    {
        try
        {
            var values = JsonSerializer.Deserialize<float[]>(text);
            return values?.Length == dimensions ? values : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int? Count(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<float[]>(text)?.Length;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
