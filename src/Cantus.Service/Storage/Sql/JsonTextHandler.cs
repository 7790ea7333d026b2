using System.Data;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Cantus.Service.Storage.Sql;

/// <summary>Sends a <see cref="JsonText"/> as <c>jsonb</c> to PostgreSQL and as text to SQLite.</summary>
internal sealed class JsonTextHandler : SqlMapper.TypeHandler<JsonText>
{
    public override JsonText Parse(object value) => JsonText.From((string)value, "stored JSON");

    public override void SetValue(IDbDataParameter parameter, JsonText value)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (parameter is NpgsqlParameter npgsql) npgsql.NpgsqlDbType = NpgsqlDbType.Jsonb;
        else parameter.DbType = DbType.String;
        parameter.Value = value.Text;
    }
}
