using Cantus.Service.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cantus.Web.Api;

/// <summary><c>GET /api/health</c>: 200 with the database's state; 503 while the database is unreachable.</summary>
public static class HealthApi
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", GetHealth).WithTags("Health").WithName("GetHealth").AllowAnonymous();
        return app;
    }

    /// <summary>The server's health: the database answers a query within 5 seconds.</summary>
    public static async Task<Results<Ok<HealthDto>, JsonHttpResult<HealthDto>>> GetHealth(CantusStore store, HttpResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(response);
        var version = Service.ServiceAssembly.Version;
        var engine = store.Database.Engine == DatabaseEngine.PostgreSql ? "postgresql" : "sqlite";
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await using var connection = await store.Database.OpenConnectionAsync(timeout.Token).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(timeout.Token).ConfigureAwait(false);
            return TypedResults.Ok(new HealthDto("ok", version, new DatabaseHealthDto("ok", engine, store.Database.Description)));
        }
#pragma warning disable CA1031 // any failure to reach the database is what this endpoint reports
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            response.Headers.RetryAfter = "5";
            return TypedResults.Json(new HealthDto("unavailable", version, new DatabaseHealthDto("unavailable", engine, $"The database does not answer: {ex.Message}")),
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

/// <summary>The server's health.</summary>
/// <param name="Status">"ok" or "unavailable".</param>
/// <param name="Version">The server's version.</param>
/// <param name="Database">The database's state.</param>
public sealed record HealthDto(string Status, string Version, DatabaseHealthDto Database);

/// <summary>The database's state.</summary>
/// <param name="State">"ok" or "unavailable".</param>
/// <param name="Engine">"sqlite" or "postgresql".</param>
/// <param name="Detail">Where it is (no secrets), or why it does not answer.</param>
public sealed record DatabaseHealthDto(string State, string Engine, string Detail);
