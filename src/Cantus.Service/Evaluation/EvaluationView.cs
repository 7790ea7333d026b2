using System.Text.Json;

namespace Cantus.Service.Evaluation;

/// <summary>A stored evaluation of a model.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Model">The model's name.</param>
/// <param name="Dataset">The dataset's name.</param>
/// <param name="Split">The split whose melodies were accompanied.</param>
/// <param name="Headline">The headline figures (similarity index, consonance and parallels per voice, Bach's and the baseline's).</param>
/// <param name="Report">The whole report (every metric per voice for the generated voices, Bach and the baseline).</param>
/// <param name="CreatedAt">When it was measured.</param>
public sealed record EvaluationView(string Id, string Model, string Dataset, string Split, IReadOnlyDictionary<string, double?> Headline, JsonElement Report, DateTimeOffset CreatedAt);
