namespace Cantus.Service.Storage.Sql;

/// <summary>Argument checks that mirror the schema's CHECK constraints, so both engines refuse bad values with one clear message.</summary>
internal static class Check
{
    /// <summary>Throws unless <paramref name="value"/> is one of <paramref name="allowed"/>.</summary>
    public static void OneOf(string? value, string what, params string[] allowed)
    {
        if (value is null || !allowed.Contains(value, StringComparer.Ordinal))
            throw new ArgumentException($"The {what} \"{value}\" is not one of: {string.Join(", ", allowed)}.", what);
    }
}
