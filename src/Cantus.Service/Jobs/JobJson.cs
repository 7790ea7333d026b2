using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cantus.Service.Jobs;

/// <summary>JSON of what jobs store: camelCase, enums by name, named floating-point literals (as model.json and run.json).</summary>
internal static class JobJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
