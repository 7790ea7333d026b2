using Cantus.Service.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Cantus.Web.Errors;

/// <summary>
/// Turns what a request throws into problem+json (RFC 9457) with a sentence in <c>detail</c>:
/// the service's refusals and the libraries' exceptions by <see cref="ErrorClassifier"/>, the
/// host's own refusals (<see cref="BadHttpRequestException"/>: a body over its limit, a malformed
/// form) by their status. Unexpected errors are logged and answered 500 without their message.
/// </summary>
internal sealed partial class CantusExceptionHandler(IProblemDetailsService problems, ILogger<CantusExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        int status;
        string detail;
        ErrorKind? kind;
        if (exception is BadHttpRequestException bad)
        {
            kind = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? ErrorKind.LimitExceeded : ErrorKind.InvalidOptions;
            status = bad.StatusCode;
            detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is larger than this endpoint accepts." : bad.Message;
        }
        else
        {
            kind = ErrorClassifier.Classify(exception, out detail);
            status = ProblemMapping.Status(kind);
            if (kind is null)
            {
                LogUnexpected(logger, exception, httpContext.Request.Path);
                detail = "Something went wrong on the server; the request changed nothing. Try again, and report it if it happens again.";
            }
        }
        httpContext.Response.StatusCode = status;
        if (kind == ErrorKind.Unavailable) httpContext.Response.Headers.RetryAfter = "5";
        var problem = new ProblemDetails { Status = status, Title = ProblemMapping.Title(kind), Detail = detail, Type = ProblemMapping.Type(kind) };
        if (exception is CantusException { Field: { } field }) problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception }).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error answering {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string path);
}
