// Cantus.Tensors: tensors, autograd, kernels, nn layers, Adam, safetensors. Knows nothing of music.
[assembly: System.CLSCompliant(false)]
