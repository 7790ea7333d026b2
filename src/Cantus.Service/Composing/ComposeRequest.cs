using Cantus.Gan.Composing;
using Cantus.Service.Audio;
using Cantus.Service.Errors;
using Cantus.Service.Models;
using Cantus.Tensors;

namespace Cantus.Service.Composing;

/// <summary>A melody to accompany and how.</summary>
public sealed record ComposeRequest
{
    /// <summary>The melody as a Standard MIDI File.</summary>
    public required ReadOnlyMemory<byte> Melody { get; init; }

    /// <summary>A name for the melody (file name; used as the picture's title).</summary>
    public string MelodyName { get; init; } = "melody";

    /// <summary>Repair damaged MIDI where possible and report the repairs (uploads are always read this way).</summary>
    public bool Lenient { get; init; }

    /// <summary>Whose request it is (their models are visible besides the samples; default: the single local user).</summary>
    public string OwnerId { get; init; } = Storage.Accounts.UserRepository.LocalUserId;

    /// <summary>The model (null: the default model).</summary>
    public ModelRef? Model { get; init; }

    /// <summary>The melody track: a 0-based track number or a track name (null: the first track with pitched notes).</summary>
    public string? MelodyTrack { get; init; }

    /// <summary>Output level a cell must pass, −1..1 (null: the model's calibrated value, else 0).</summary>
    public float? Threshold { get; init; }

    /// <summary>Clean-up: margin taken from notes off the melody's key, 0..2 (null: the model's calibrated value, else 0).</summary>
    public float? KeyPenalty { get; init; }

    /// <summary>No clean-up: every cell above the threshold sounds.</summary>
    public bool Raw { get; init; }

    /// <summary>Seed of the latent noise.</summary>
    public ulong Seed { get; init; }

    /// <summary>A latent to use instead of drawing one (local callers).</summary>
    public Tensor? Latent { get; init; }

    /// <summary>General-MIDI programs per output track, melody first.</summary>
    public IReadOnlyList<int> Programs { get; init; } = [];

    /// <summary>Generate this many and keep the one the critic scores highest (1..64).</summary>
    public int Candidates { get; init; } = 1;

    /// <summary>Also draw the result as a piano-roll PNG.</summary>
    public bool Png { get; init; }

    /// <summary>Also render the result to WAV with these settings (null: no WAV).</summary>
    public AudioSettings? Wav { get; init; }

    /// <summary>Limits of the request.</summary>
    public ComposeLimits Limits { get; init; } = ComposeLimits.Default;

    /// <summary>The options for the composer.</summary>
    public ComposeOptions ToOptions() => new()
    {
        MelodyTrack = MelodyTrack,
        Threshold = Threshold,
        KeyPenalty = KeyPenalty,
        Raw = Raw,
        Seed = Seed,
        Latent = Latent,
        Programs = Programs,
        Candidates = Candidates,
        MaxWindows = Limits.MaxWindows,
    };

    /// <summary>Checks the request before any work; <see cref="ErrorKind.InvalidOptions"/> or <see cref="ErrorKind.LimitExceeded"/> names the field.</summary>
    public void Validate()
    {
        if (Melody.Length == 0) throw CantusException.Invalid("The melody file is empty.", "melody");
        if (Melody.Length > Limits.MaxMelodyBytes)
            throw CantusException.TooLarge($"The melody file is {Melody.Length} bytes; the limit is {Limits.MaxMelodyBytes} bytes.", "melody");
        if (MelodyTrack is { Length: > 256 }) throw CantusException.Invalid("A melody track is a number or a track name of at most 256 characters.", "melodyTrack");
        CantusException.Check(ToOptions().Validate);
        Wav?.Validate();
    }
}
