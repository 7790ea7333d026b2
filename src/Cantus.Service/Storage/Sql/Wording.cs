using System.Globalization;

namespace Cantus.Service.Storage.Sql;

/// <summary>Small helpers for the sentences in store exceptions.</summary>
internal static class Wording
{
    /// <summary>"1 composition", "3 compositions".</summary>
    public static string Count(long count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? noun : noun + "s");
}
