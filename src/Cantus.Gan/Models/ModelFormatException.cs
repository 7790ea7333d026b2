namespace Cantus.Gan.Models;

/// <summary>
/// A model directory, checkpoint or latent file has bad content: a corrupt safetensors file,
/// weights that do not match the architecture in <c>model.json</c>, or a malformed <c>model.json</c>.
/// The message names the file and the problem.
/// </summary>
public sealed class ModelFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public ModelFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ModelFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying error.</summary>
    public ModelFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
