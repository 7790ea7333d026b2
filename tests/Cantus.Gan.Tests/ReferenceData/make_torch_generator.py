#!/usr/bin/env python3
"""Writes the PyTorch fixture of the Cantus.Gan composer test.

Run with Debian's PyTorch:  /usr/bin/python3 make_torch_generator.py
Builds torch_reference.py's Generator with 4 filters and an 8-channel latent (the lab's layers,
small enough to commit), moves its batch-norm running statistics with three training-mode
forwards, then in eval mode generates the accompaniment of a fixed 2-bar melody. Writes
  PyTorch/small-generator/model.safetensors  the generator's state dict as PyTorch names it
                                             (num_batches_tracked as I64, as safetensors.torch does)
  PyTorch/small-generator/model.json         its architecture for Cantus
  PyTorch/small-generator-io.safetensors     melody (32, 128) in {-1, 1}, z (1, 8, 2, 8), out (1, 4, 32, 128)
The safetensors writer is independent of the C# one.
"""
import json, os, struct, sys
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', '..', '..', '..', 'shared', 'reference'))
from torch_reference import Generator  # noqa: E402

DTYPES = {torch.float32: 'F32', torch.int64: 'I64'}


def save(path, tensors, meta=None):
    header, blobs, off = {}, [], 0
    if meta:
        header['__metadata__'] = meta
    for k in sorted(tensors):
        t = tensors[k].detach().contiguous()
        if t.dtype not in DTYPES:
            t = t.to(torch.float32)
        b = t.numpy().tobytes()
        header[k] = {'dtype': DTYPES[t.dtype], 'shape': list(t.shape), 'data_offsets': [off, off + len(b)]}
        blobs.append(b); off += len(b)
    h = json.dumps(header, separators=(',', ':')).encode()
    h += b' ' * ((8 - len(h) % 8) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(h))); f.write(h)
        for b in blobs: f.write(b)


def main():
    torch.manual_seed(20261121)
    f, zc = 4, 8
    g = Generator(f, 4, zc)
    g.train()
    for _ in range(3):  # non-trivial running statistics
        c = (torch.rand(8, 1, 32, 128) < 0.05).float() * 2 - 1
        g(c, torch.randn(8, zc, 2, 8))
    g.eval()
    # A monophonic melody of eight 4-step notes (pitches 60.. in C major), starting at step 0.
    melody = -torch.ones(32, 128)
    for i, p in enumerate([60, 62, 64, 65, 67, 65, 64, 62]):
        melody[i * 4:(i + 1) * 4, p] = 1
    z = torch.fmod(torch.randn(1, zc, 2, 8), 2.0)
    with torch.no_grad():
        out = g(melody.view(1, 1, 32, 128), z)
    d = os.path.join(HERE, 'PyTorch', 'small-generator')
    os.makedirs(d, exist_ok=True)
    save(os.path.join(d, 'model.safetensors'), g.state_dict())
    with open(os.path.join(d, 'model.json'), 'w') as fh:
        json.dump({'format': 'cantus-gan-model', 'version': 1,
                   'architecture': {'filters': f, 'tracks': 4, 'steps': 32, 'lowestPitch': 0, 'pitches': 128, 'latentChannels': zc}}, fh, indent=2)
    save(os.path.join(HERE, 'PyTorch', 'small-generator-io.safetensors'), {'melody': melody, 'z': z, 'out': out},
         {'torch': torch.__version__})
    print('positive cells per track:', [(out[0, k] > 0).sum().item() for k in range(4)],
          'min |out|:', out.abs().min().item())


if __name__ == '__main__':
    main()
