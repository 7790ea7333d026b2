namespace Cantus.Service.Models;

/// <summary>Changes to a custom model's description; null fields stay as they are.</summary>
public sealed record ModelUpdate
{
    /// <summary>A new name.</summary>
    public string? Name { get; init; }

    /// <summary>A new description (empty: none).</summary>
    public string? Description { get; init; }

    /// <summary>A new genre (empty: none).</summary>
    public string? Genre { get; init; }

    /// <summary>New tags (replacing the old ones).</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Checks lengths and forms; <see cref="Errors.ErrorKind.InvalidOptions"/> names the field.</summary>
    public void Validate()
    {
        if (Name is not null) ModelLibrary.CheckName(Name);
        if (Description is { Length: > 2000 }) throw Errors.CantusException.Invalid("A description is at most 2000 characters.", "description");
        if (Genre is { Length: > 64 }) throw Errors.CantusException.Invalid("A genre is at most 64 characters.", "genre");
        if (Tags is not null)
        {
            if (Tags.Count > 32) throw Errors.CantusException.Invalid("A model has at most 32 tags.", "tags");
            foreach (var tag in Tags)
                if (string.IsNullOrWhiteSpace(tag) || tag.Length > 64) throw Errors.CantusException.Invalid($"A tag is 1..64 characters, not '{tag}'.", "tags");
        }
    }
}
