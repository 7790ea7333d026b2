namespace Cantus.Gan.Training;

/// <summary>Losses of one training iteration, critic terms averaged over its critic steps.</summary>
/// <param name="Critic">Critic loss: mean D(fake) − mean D(real) + gradient penalty.</param>
/// <param name="Generator">Generator loss: −mean D(G(c, z)).</param>
/// <param name="GradientPenalty">λ·mean((‖∇D(x̂)‖₂ − 1)²).</param>
/// <param name="Wasserstein">Estimated Wasserstein distance: mean D(real) − mean D(fake).</param>
public readonly record struct IterationLosses(double Critic, double Generator, double GradientPenalty, double Wasserstein);
