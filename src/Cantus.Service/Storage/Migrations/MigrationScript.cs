using System.Globalization;
using System.Reflection;

namespace Cantus.Service.Storage.Migrations;

/// <summary>One numbered SQL script, embedded from <c>Storage/Migrations/&lt;Engine&gt;/NNNN_name.sql</c>.</summary>
internal sealed record MigrationScript(int Version, string Name, string Sql)
{
    private const string Prefix = "Cantus.Migrations/";

    /// <summary>The engine's scripts in version order; versions must run 1, 2, 3… without gaps.</summary>
    public static IReadOnlyList<MigrationScript> For(DatabaseEngine engine)
    {
        var assembly = typeof(MigrationScript).Assembly;
        var folder = Prefix + (engine == DatabaseEngine.PostgreSql ? "PostgreSql" : "Sqlite") + "/";
        var scripts = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(folder, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Load(assembly, n, n[folder.Length..^4]))
            .OrderBy(s => s.Version)
            .ToArray();
        for (var i = 0; i < scripts.Length; i++)
            if (scripts[i].Version != i + 1)
                throw new InvalidOperationException($"The {engine} migration scripts must be numbered 1, 2, 3… without gaps; found {scripts[i].Version} at position {i + 1}.");
        return scripts;
    }

    private static MigrationScript Load(Assembly assembly, string resource, string fileName)
    {
        var underscore = fileName.IndexOf('_', StringComparison.Ordinal);
        if (underscore <= 0 || !int.TryParse(fileName[..underscore], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            throw new InvalidOperationException($"The migration script {resource} is not named NNNN_name.sql.");
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new MigrationScript(version, fileName[(underscore + 1)..], reader.ReadToEnd());
    }
}
