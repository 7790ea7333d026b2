using Cantus.Gan.Evaluation;
using Cantus.Service;
using Cantus.Service.Evaluation;
using Cantus.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cantus.Web.Api;

/// <summary>
/// Evaluations: <c>POST /api/models/{name}/evaluations</c> measures a model against Bach and a naive
/// baseline on a dataset split and keeps the report; list a model's, get one (to compare models).
/// </summary>
public static class EvaluationsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapEvaluationsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/models/{name}/evaluations", Run).WithTags("Evaluations").WithName("EvaluateModel")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapGet("/api/models/{name}/evaluations", List).WithTags("Evaluations").WithName("ListEvaluations");
        app.MapGet("/api/evaluations/{id}", Get).WithTags("Evaluations").WithName("GetEvaluation").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>Evaluates the model (default: the JSB chorales' test split, at most 600 windows) and keeps the report.</summary>
    public static async Task<Created<EvaluationView>> Run(string name, EvaluationRequestDto request, CurrentUser user, EvaluationLibrary evaluations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var defaults = new EvaluationOptions();
        var options = new EvaluationOptions
        {
            Dataset = request.Dataset ?? defaults.Dataset,
            Split = request.Split is null ? defaults.Split : OptionValues.Split(request.Split),
            Hop = request.Hop ?? defaults.Hop,
            Seed = request.Seed ?? defaults.Seed,
            Raw = request.Raw ?? false,
            Threshold = request.Threshold,
            KeyPenalty = request.KeyPenalty,
            MaxWindows = request.MaxWindows,
        };
        var view = await evaluations.RunAsync(user.Id, name, options, cancellationToken: cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/evaluations/{view.Id}", view);
    }

    /// <summary>The model's evaluations, newest first.</summary>
    public static async Task<Ok<IReadOnlyList<EvaluationView>>> List(string name, CurrentUser user, EvaluationLibrary evaluations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await evaluations.ListAsync(user.Id, name, cancellationToken).ConfigureAwait(false));

    /// <summary>One evaluation with its whole report.</summary>
    public static async Task<Ok<EvaluationView>> Get(string id, CurrentUser user, EvaluationLibrary evaluations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await evaluations.GetAsync(user.Id, id, cancellationToken).ConfigureAwait(false));
}

/// <summary>What to evaluate on; omitted fields take the defaults.</summary>
/// <param name="Dataset">Dataset name (default jsb-chorales).</param>
/// <param name="Split">train, valid or test (default test).</param>
/// <param name="Hop">Steps between windows (default 32).</param>
/// <param name="Seed">Seed of the latents (default 0).</param>
/// <param name="Raw">No clean-up.</param>
/// <param name="Threshold">Threshold (default: the model's calibrated value).</param>
/// <param name="KeyPenalty">Key penalty (default: the model's calibrated value).</param>
/// <param name="MaxWindows">At most this many windows, spread over the split (default 600, at most 5000).</param>
public sealed record EvaluationRequestDto(string? Dataset = null, string? Split = null, int? Hop = null, ulong? Seed = null, bool? Raw = null,
    float? Threshold = null, float? KeyPenalty = null, int? MaxWindows = null);
