using System.Text.Json;

namespace Cantus.Service.Storage.Sql;

/// <summary>
/// A JSON document passed as a query parameter: text on SQLite, <c>jsonb</c> on PostgreSQL
/// (see <see cref="JsonTextHandler"/>). Made only through <see cref="From"/>, which checks
/// that the text is JSON, so both engines refuse the same input the same way.
/// </summary>
internal readonly record struct JsonText
{
    private JsonText(string text) => Text = text;

    public string Text { get; }

    /// <summary>The JSON parameter for <paramref name="json"/>; <paramref name="what"/> names the field in the error.</summary>
    public static JsonText From(string json, string what)
    {
        ArgumentNullException.ThrowIfNull(json, what);
        try
        {
            using var document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The {what} field is not valid JSON: {ex.Message}", what, ex);
        }
        return new JsonText(json);
    }

    /// <summary>As <see cref="From"/>, with null for a null column.</summary>
    public static JsonText? FromNullable(string? json, string what) => json is null ? null : From(json, what);
}
