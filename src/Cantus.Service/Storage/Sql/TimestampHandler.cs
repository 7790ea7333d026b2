using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Cantus.Service.Storage.Sql;

/// <summary>
/// Maps <see cref="DateTimeOffset"/> to both engines: fixed-width UTC ISO-8601 text with
/// microseconds on SQLite (so text order is time order), <c>timestamptz</c> on PostgreSQL
/// (which Npgsql reads back as a UTC <see cref="DateTime"/>).
/// </summary>
internal sealed class TimestampHandler : SqlMapper.TypeHandler<DateTimeOffset>
{
    /// <summary>The SQLite text form: <c>2025-01-31T12:34:56.123456Z</c>.</summary>
    public const string SqliteFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static string ToSqliteText(DateTimeOffset value) =>
        value.UtcDateTime.ToString(SqliteFormat, CultureInfo.InvariantCulture);

    public override DateTimeOffset Parse(object value) => value switch
    {
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        DateTimeOffset time => time.ToUniversalTime(),
        _ => throw new InvalidCastException($"A {value.GetType().Name} column cannot be read as a time."),
    };

    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (parameter is SqliteParameter)
        {
            parameter.DbType = DbType.String;
            parameter.Value = ToSqliteText(value);
        }
        else
        {
            parameter.DbType = DbType.DateTimeOffset;
            parameter.Value = value.ToUniversalTime();
        }
    }
}
