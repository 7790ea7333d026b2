using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cantus.Web.Api;

/// <summary><c>GET /api/health</c>: 200 with the state of what the server needs; 503 while something is unreachable.</summary>
public static class HealthApi
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", GetHealth).WithTags("Health").WithName("GetHealth");
        return app;
    }

    /// <summary>The server's health.</summary>
    public static Results<Ok<HealthDto>, JsonHttpResult<HealthDto>> GetHealth()
    {
        var health = new HealthDto("ok", Service.ServiceAssembly.Version, new DatabaseHealthDto("none", "no database is configured yet"));
        return TypedResults.Ok(health);
    }
}

/// <summary>The server's health.</summary>
/// <param name="Status">"ok" or "unavailable".</param>
/// <param name="Version">The server's version.</param>
/// <param name="Database">The database's state.</param>
public sealed record HealthDto(string Status, string Version, DatabaseHealthDto Database);

/// <summary>The database's state.</summary>
/// <param name="State">"ok", "unavailable" or "none".</param>
/// <param name="Detail">A sentence about it.</param>
public sealed record DatabaseHealthDto(string State, string Detail);
