using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cantus.Gan;

/// <summary>JSON conventions of the files Cantus.Gan writes (model.json, run.json, metrics, reports): camelCase, indented.</summary>
internal static class GanJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static JsonSerializerOptions Compact { get; } = new(Options) { WriteIndented = false };
}
