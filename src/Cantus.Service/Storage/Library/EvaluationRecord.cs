namespace Cantus.Service.Storage.Library;

/// <summary>An evaluation of a model on a dataset split (table <c>evaluations</c>).</summary>
public sealed record EvaluationRecord
{
    /// <summary>The id; left empty on create, the store assigns one.</summary>
    public string Id { get; init; } = "";

    /// <summary>The model evaluated (the owner's or a sample).</summary>
    public required string ModelId { get; init; }

    /// <summary>The user who ran it.</summary>
    public required string OwnerId { get; init; }

    /// <summary>The dataset, while it exists.</summary>
    public string? DatasetId { get; init; }

    /// <summary>The dataset's name (kept when the dataset is deleted).</summary>
    public required string DatasetName { get; init; }

    /// <summary>The split evaluated on (train, valid, test).</summary>
    public required string Split { get; init; }

    /// <summary>The evaluation options, JSON.</summary>
    public string Options { get; init; } = "{}";

    /// <summary>The report, JSON.</summary>
    public string Report { get; init; } = "{}";

    /// <summary>When it was stored (set by the store).</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
