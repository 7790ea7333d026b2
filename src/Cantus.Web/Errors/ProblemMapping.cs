using Cantus.Service.Errors;
using Microsoft.AspNetCore.Http;

namespace Cantus.Web.Errors;

/// <summary>The web's side of the service's error model: each <see cref="ErrorKind"/> is one HTTP status and one problem type.</summary>
public static class ProblemMapping
{
    /// <summary>The status of an error of <paramref name="kind"/> (null: an unexpected error, 500).</summary>
    public static int Status(ErrorKind? kind) => kind switch
    {
        ErrorKind.InvalidOptions => StatusCodes.Status400BadRequest,
        ErrorKind.BadInput => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.LimitExceeded => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The short title of an error of <paramref name="kind"/>.</summary>
    public static string Title(ErrorKind? kind) => kind switch
    {
        ErrorKind.InvalidOptions => "Invalid request",
        ErrorKind.BadInput => "Unreadable input",
        ErrorKind.LimitExceeded => "Too large",
        ErrorKind.NotFound => "Not found",
        ErrorKind.Conflict => "Conflict",
        ErrorKind.Unavailable => "Unavailable",
        _ => "Unexpected error",
    };

    /// <summary>The problem type URI of an error of <paramref name="kind"/> (documented in docs/api.md).</summary>
    public static string Type(ErrorKind? kind) => "https://cantus.local/problems/" + kind switch
    {
        ErrorKind.InvalidOptions => "invalid-options",
        ErrorKind.BadInput => "bad-input",
        ErrorKind.LimitExceeded => "limit-exceeded",
        ErrorKind.NotFound => "not-found",
        ErrorKind.Conflict => "conflict",
        ErrorKind.Unavailable => "unavailable",
        _ => "unexpected",
    };
}
