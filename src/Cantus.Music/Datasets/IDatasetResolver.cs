namespace Cantus.Music.Datasets;

/// <summary>Turns the name of a dataset, as a training run or an evaluation records it, into its pieces.</summary>
public interface IDatasetResolver
{
    /// <summary>Opens the dataset called <paramref name="name"/>, keeping only pieces with every tag in <paramref name="tags"/> (where the dataset has tags).</summary>
    /// <exception cref="FileNotFoundException">No dataset of that name is available; the message says how to get it.</exception>
    /// <exception cref="InvalidDataException">The dataset holds no usable data.</exception>
    Dataset Open(string name, IReadOnlyList<string>? tags = null);
}
