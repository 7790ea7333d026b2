#!/usr/bin/env python3
"""Writes the PyTorch reference fixtures for Cantus.Tensors tests.

Run with Debian's PyTorch:  /usr/bin/python3 make_fixtures.py
Each fixture is a small safetensors file in PyTorch/<name>.safetensors holding the op's
inputs (in.0, in.1, ...), an upstream gradient (gout), the forward output (out) and the
gradients of sum(out * gout) w.r.t. each input (grad.0, ...). Second-order fixtures also
hold hess.<i>: the gradient of sum(grad.0 * gout2) w.r.t. input i (double backward).
Parameters of the op go in __metadata__. The safetensors writer here is deliberately
independent of the C# one (json + struct), so the C# reader is checked against it too.
"""
import json, os, struct, sys
import torch, torch.nn as nn, torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'PyTorch')
sys.path.insert(0, os.path.join(HERE, '..', '..', '..', '..', 'shared', 'reference'))


def save(name, tensors, meta=None):
    header, blobs, off = {}, [], 0
    if meta:
        header['__metadata__'] = {k: str(v) for k, v in meta.items()}
    for k in sorted(tensors):
        t = tensors[k].detach().contiguous()
        # int64 stays int64 (as PyTorch saves num_batches_tracked); everything else float32.
        dtype = 'I64' if t.dtype == torch.int64 else 'F32'
        t = t if dtype == 'I64' else t.to(torch.float32)
        b = t.numpy().tobytes()
        header[k] = {'dtype': dtype, 'shape': list(t.shape), 'data_offsets': [off, off + len(b)]}
        blobs.append(b); off += len(b)
    h = json.dumps(header, separators=(',', ':')).encode()
    h += b' ' * ((8 - len(h) % 8) % 8)
    with open(os.path.join(OUT, name + '.safetensors'), 'wb') as f:
        f.write(struct.pack('<Q', len(h))); f.write(h)
        for b in blobs: f.write(b)


def op_fixture(name, fn, inputs, meta=None, second_order=False):
    xs = [x.clone().requires_grad_(True) for x in inputs]
    out = fn(*xs)
    gout = torch.randn_like(out)
    grads = torch.autograd.grad((out * gout).sum(), xs, create_graph=second_order, allow_unused=True)
    d = {f'in.{i}': x for i, x in enumerate(xs)}
    d.update({'out': out, 'gout': gout})
    for i, g in enumerate(grads):
        d[f'grad.{i}'] = g if g is not None else torch.zeros_like(xs[i])
    if second_order:
        gout2 = torch.randn_like(xs[0])
        # A gradient independent of every input (linear and piecewise-linear ops) has no graph: zeros.
        hs = (torch.autograd.grad((grads[0] * gout2).sum(), xs, allow_unused=True)
              if grads[0].requires_grad else [None] * len(xs))
        d['gout2'] = gout2
        for i, h in enumerate(hs):
            d[f'hess.{i}'] = h if h is not None else torch.zeros_like(xs[i])
    save(name, d, meta)


def same_pad(x, k, s):
    h, w = x.shape[-2:]
    def total(n):
        out = -(-n // s)
        return max((out - 1) * s + k - n, 0)
    ph, pw = total(h), total(w)
    return F.pad(x, (pw // 2, pw - pw // 2, ph // 2, ph - ph // 2))


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(1234)
    r = torch.randn
    pos = lambda *s: torch.rand(*s) + 0.5
    # Broadcasting binary ops (lopsided shapes so a swapped axis cannot pass).
    op_fixture('add', lambda a, b: a + b, [r(2, 3, 4), r(3, 1)])
    op_fixture('sub', lambda a, b: a - b, [r(2, 1, 4), r(3, 4)])
    op_fixture('mul', lambda a, b: a * b, [r(3, 1, 1, 1), r(3, 2, 4, 5)])
    op_fixture('div', lambda a, b: a / b, [r(3, 4), pos(1, 4)])
    # Unary ops, each with its double backward.
    op_fixture('neg', lambda x: -x, [r(3, 5)], second_order=True)
    op_fixture('square', lambda x: x.pow(2), [r(3, 5)], second_order=True)
    op_fixture('pow3', lambda x: x.pow(3), [r(3, 5)], {'p': 3}, second_order=True)
    op_fixture('pow_half', lambda x: x.pow(0.5), [pos(3, 5)], {'p': 0.5}, second_order=True)
    op_fixture('sqrt', torch.sqrt, [pos(3, 5)], second_order=True)
    op_fixture('exp', torch.exp, [r(3, 5)], second_order=True)
    op_fixture('log', torch.log, [pos(3, 5)], second_order=True)
    op_fixture('tanh', torch.tanh, [r(3, 5)], second_order=True)
    op_fixture('sigmoid', torch.sigmoid, [r(3, 5)], second_order=True)
    op_fixture('relu', F.relu, [r(3, 5)], second_order=True)
    op_fixture('leaky_relu', lambda x: F.leaky_relu(x, 0.2), [r(3, 5)], {'slope': 0.2}, second_order=True)
    op_fixture('add_scalar', lambda x: x + 1e-8, [r(3, 5)], second_order=True)
    op_fixture('mul_scalar', lambda x: x * 10, [r(3, 5)], second_order=True)
    # Reductions.
    op_fixture('sum_all', lambda x: x.sum(), [r(2, 3, 4)])
    op_fixture('sum_023', lambda x: x.sum((0, 2, 3)), [r(2, 3, 4, 5)])
    op_fixture('mean_1_keep', lambda x: x.mean(1, keepdim=True), [r(2, 3, 4)])
    op_fixture('mean_all', lambda x: x.mean(), [r(4, 5)], second_order=True)
    op_fixture('sum_1', lambda x: x.sum(1), [r(4, 6)], second_order=True)
    # Shapes.
    op_fixture('concat', lambda a, b: torch.cat([a, b], 1), [r(2, 3, 4, 5), r(2, 2, 4, 5)])
    op_fixture('flatten', lambda x: x.flatten(1), [r(2, 3, 4, 5)])
    op_fixture('narrow', lambda x: x[:, 1:3], [r(2, 4, 3)])
    op_fixture('upsample', lambda x: F.interpolate(x, scale_factor=2, mode='nearest'), [r(2, 3, 3, 5)])
    # Linear algebra.
    op_fixture('matmul', lambda a, b: a @ b, [r(5, 7), r(7, 3)])
    op_fixture('linear', lambda x, w, b: F.linear(x, w, b), [r(4, 6), r(3, 6), r(3)], second_order=True)
    # Convolutions with TF 'same' padding (odd totals: asymmetric) and valid/explicit padding.
    for name, shape, wshape, k, s in [('conv_s2_same', (2, 3, 9, 10), (5, 3, 4, 4), 4, 2),
                                      ('conv_s1_same', (2, 3, 6, 7), (4, 3, 4, 4), 4, 1),
                                      ('conv_s2_same_even', (2, 2, 8, 16), (3, 2, 4, 4), 4, 2),
                                      ('conv_3x3_s1', (1, 2, 5, 5), (3, 2, 3, 3), 3, 1)]:
        op_fixture(name, lambda x, w, b, k=k, s=s: F.conv2d(same_pad(x, k, s), w, b, stride=s),
                   [r(*shape), r(*wshape) * 0.3, r(wshape[0])], {'kernel': k, 'stride': s}, second_order=True)
    # Nearest ×2 upsampling then a 4×4 'same' stride-1 conv (the generator's decoder layers).
    op_fixture('upconv', lambda x, w, b: F.conv2d(same_pad(F.interpolate(x, scale_factor=2, mode='nearest'), 4, 1), w, b),
               [r(2, 3, 3, 5), r(4, 3, 4, 4) * 0.3, r(4)], second_order=True)
    # Batch norm (PyTorch momentum 0.2 = Keras 0.8): training output, grads, running stats; eval output.
    x, g, b = r(4, 3, 5, 6) * 2 + 1, r(3), r(3)
    rm, rv = r(3), pos(3)
    rm2, rv2 = rm.clone(), rv.clone()
    xs = [t.clone().requires_grad_(True) for t in (x, g, b)]
    y = F.batch_norm(xs[0], rm2, rv2, xs[1], xs[2], training=True, momentum=0.2, eps=1e-5)
    gout = torch.randn_like(y)
    grads = torch.autograd.grad((y * gout).sum(), xs)
    ye = F.batch_norm(x, rm2, rv2, g, b, training=False, eps=1e-5)
    save('batchnorm', {'in.0': x, 'in.1': g, 'in.2': b, 'running_mean': rm, 'running_var': rv, 'out': y, 'gout': gout,
                       'grad.0': grads[0], 'grad.1': grads[1], 'grad.2': grads[2],
                       'running_mean_after': rm2, 'running_var_after': rv2, 'out_eval': ye}, {'momentum': 0.2, 'eps': 1e-5})
    # The gradient-penalty formula on a given gradient g (B, C, H, W).
    op_fixture('gp_formula', lambda g: ((g.flatten(1).pow(2).sum(1) + 1e-8).sqrt() - 1).pow(2).mean() * 10,
               [r(3, 2, 4, 4) * 0.3], second_order=True)
    # Adam (lr 1e-3, betas (0.5, 0.9)) for three steps on fixed gradients.
    p0 = r(7); p = p0.clone().requires_grad_(True)
    opt = torch.optim.Adam([p], 1e-3, betas=(0.5, 0.9))
    gs = [r(7) for _ in range(3)]
    for gi in gs:
        p.grad = gi.clone(); opt.step()
    st = opt.state[p]
    save('adam', {'p0': p0, 'g.0': gs[0], 'g.1': gs[1], 'g.2': gs[2], 'p3': p, 'exp_avg': st['exp_avg'], 'exp_avg_sq': st['exp_avg_sq']},
         {'lr': 1e-3, 'beta1': 0.5, 'beta2': 0.9, 'eps': 1e-8})
    lab_fixture()
    lab_train_fixture()


def lab_train_fixture():
    """Two WGAN-GP critic steps and one generator step with Adam(1e-3, 0.5, 0.9), as torch_reference.py."""
    from torch_reference import Generator, Critic
    torch.manual_seed(7)
    f, zc, h, w, B = 4, 8, 16, 64, 2
    G, D = Generator(f, 4, zc), Critic(f, 4, h, w)
    before = {**{'G.' + k: v.clone() for k, v in G.state_dict().items()}, **{'D.' + k: v.clone() for k, v in D.state_dict().items()}}
    og = torch.optim.Adam(G.parameters(), 1e-3, betas=(0.5, 0.9)); od = torch.optim.Adam(D.parameters(), 1e-3, betas=(0.5, 0.9))
    real = (torch.rand(B, 4, h, w) < 0.1).float() * 2 - 1
    c = real[:, :1].clone()
    zs = [torch.randn(B, zc, h // 16, w // 16) for _ in range(3)]
    epss = [torch.rand(B, 1, 1, 1) for _ in range(2)]
    for k in range(2):
        G.eval()
        with torch.no_grad():
            fake = G(c, zs[k])
        G.train()
        loss = D(fake, c).mean() - D(real, c).mean()
        inter = (epss[k] * real + (1 - epss[k]) * fake).requires_grad_(True)
        g, = torch.autograd.grad(D(inter, c).sum(), inter, create_graph=True)
        gp = ((g.flatten(1).pow(2).sum(1) + 1e-8).sqrt() - 1).pow(2).mean() * 10
        od.zero_grad(); (loss + gp).backward(); od.step()
    loss = -D(G(c, zs[2]), c).mean()
    og.zero_grad(); loss.backward(); og.step()
    d = dict(before)
    d.update({'after.G.' + k: v for k, v in G.state_dict().items()})
    d.update({'after.D.' + k: v for k, v in D.state_dict().items()})
    d.update({'real': real, 'c': c, 'z.0': zs[0], 'z.1': zs[1], 'z.2': zs[2], 'eps.0': epss[0], 'eps.1': epss[1]})
    save('lab_train', d, {'filters': f, 'latent': zc, 'height': h, 'width': w, 'batch': B})


def lab_fixture():
    """The lab's generator and critic (torch_reference.py) at filters 4, latent 8, 16×64 rolls, batch 2."""
    from torch_reference import Generator, Critic
    torch.manual_seed(99)
    f, zc, h, w, B = 4, 8, 16, 64, 2
    G, D = Generator(f, 4, zc), Critic(f, 4, h, w)
    with torch.no_grad():  # non-trivial BN parameters and buffers
        for m in G.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.weight.uniform_(0.5, 1.5); m.bias.uniform_(-0.2, 0.2)
                m.running_mean.uniform_(-0.1, 0.1); m.running_var.uniform_(0.5, 1.5)
    state_g = {k: v.clone() for k, v in G.state_dict().items()}
    state_d = {k: v.clone() for k, v in D.state_dict().items()}
    real = (torch.rand(B, 4, h, w) < 0.1).float() * 2 - 1
    c = real[:, :1].clone()
    z = torch.randn(B, zc, h // 16, w // 16)
    # Generator step as the lab: training mode (batch statistics), loss = −D(G(c, z), c).mean().
    G.train()
    fake_train = G(c, z)
    loss_g = -D(fake_train, c).mean()
    loss_g_grads = torch.autograd.grad(loss_g, list(G.parameters()))
    # Critic step: fakes from the generator in eval mode (running statistics), under no-grad.
    G.eval()
    with torch.no_grad():
        fake = G(c, z)
    eps = torch.rand(B, 1, 1, 1)
    loss = D(fake, c).mean() - D(real, c).mean()
    inter = (eps * real + (1 - eps) * fake).requires_grad_(True)
    g, = torch.autograd.grad(D(inter, c).sum(), inter, create_graph=True)
    gp = ((g.flatten(1).pow(2).sum(1) + 1e-8).sqrt() - 1).pow(2).mean() * 10
    d_grads = torch.autograd.grad(loss + gp, list(D.parameters()))
    d = {}
    for k, v in state_g.items(): d['G.' + k] = v
    for k, v in state_d.items(): d['D.' + k] = v
    for (k, _), gr in zip(G.named_parameters(), loss_g_grads): d['G.lossgrad.' + k] = gr
    for (k, _), gr in zip(D.named_parameters(), d_grads): d['D.grad.' + k] = gr
    for k, v in G.state_dict().items():
        if 'running' in k: d['G.after.' + k] = v
    d.update({'real': real, 'c': c, 'z': z, 'fake_train': fake_train, 'fake_eval': fake, 'eps': eps,
              'd_real': D(real, c), 'loss_g': loss_g.reshape(1), 'loss_d': loss.reshape(1), 'gp': gp.reshape(1), 'input_grad': g})
    save('lab_gan', d, {'filters': f, 'latent': zc, 'height': h, 'width': w, 'batch': B})


if __name__ == '__main__':
    main()
