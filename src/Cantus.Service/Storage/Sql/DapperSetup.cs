using System.Reflection;
using Cantus.Service.Storage.Accounts;
using Cantus.Service.Storage.Library;
using Cantus.Service.Storage.Training;
using Dapper;

namespace Cantus.Service.Storage.Sql;

/// <summary>
/// Teaches Dapper the store's conventions, once per process: snake_case columns map to the
/// records' PascalCase properties (for the store's record types only), times go through
/// <see cref="TimestampHandler"/> and JSON parameters through <see cref="JsonTextHandler"/>.
/// </summary>
internal static class DapperSetup
{
    private static readonly Type[] RecordTypes =
    [
        typeof(UserRecord), typeof(ApiTokenRecord), typeof(KeyRingElement),
        typeof(MelodyRecord), typeof(ModelRecord), typeof(DatasetRecord), typeof(CompositionRecord), typeof(EvaluationRecord),
        typeof(TrainingJobRecord), typeof(JobLoss), typeof(JobMetric), typeof(JobSample), typeof(JobCheckpoint), typeof(JobAttemptError), typeof(JobAttempt),
        typeof(JobFenceRow),
    ];

    static DapperSetup()
    {
        // Dapper's built-in mapping of DateTimeOffset would bypass the handler; remove it first.
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new TimestampHandler());
        SqlMapper.AddTypeHandler(new JsonTextHandler());
        foreach (var type in RecordTypes)
            SqlMapper.SetTypeMap(type, new CustomPropertyTypeMap(type, PropertyForColumn));
    }

    /// <summary>Runs the static constructor (once).</summary>
    public static void Ensure() { }

    /// <summary>The property whose name is the column's without underscores (<c>midi_sha256</c> → <c>MidiSha256</c>).</summary>
    private static PropertyInfo PropertyForColumn(Type type, string column) =>
        type.GetProperty(column.Replace("_", "", StringComparison.Ordinal), BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)
        ?? throw new InvalidOperationException($"{type.Name} has no property for the column {column}.");
}
