using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cantus.Bench;

/// <summary>JSON output of <c>cantus-bench</c>, the same conventions as the CLI's: camelCase, indented, nulls written.</summary>
internal static class BenchJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Write<T>(TextWriter output, T value) => output.WriteLine(JsonSerializer.Serialize(value, Options));
}
