using Cantus.Service.Storage.Training;

namespace Cantus.Web.Api;

/// <summary>The samples a training job drew at one checkpoint.</summary>
/// <param name="Iteration">The checkpoint's iteration.</param>
/// <param name="Midi">Link to the samples as MIDI (one after another).</param>
/// <param name="Png">Link to their piano roll.</param>
public sealed record JobSampleDto(int Iteration, string Midi, string? Png)
{
    /// <summary>The DTO of a stored sample row.</summary>
    public static JobSampleDto Of(string jobId, JobSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var self = $"/api/training-jobs/{jobId}/samples/{sample.Iteration}";
        return new JobSampleDto(sample.Iteration, self + "/midi", sample.PngSha256 is null ? null : self + "/png");
    }
}
