namespace Cantus.Music.Datasets;

/// <summary>
/// The three parts of a dataset, as in the standard JSB Chorales split of
/// Boulanger-Lewandowski et al. (ICML 2012): fit on <see cref="Train"/>, tune on
/// <see cref="Valid"/>, report on <see cref="Test"/>.
/// </summary>
public enum DatasetSplit
{
    /// <summary>Pieces the model is trained on.</summary>
    Train,

    /// <summary>Pieces used to tune hyperparameters and to watch over-fitting.</summary>
    Valid,

    /// <summary>Pieces held out for the final evaluation.</summary>
    Test,
}
