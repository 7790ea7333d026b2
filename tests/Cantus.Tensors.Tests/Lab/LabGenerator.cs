using Cantus.Tensors.Nn;

namespace Cantus.Tensors.Tests.Lab;

/// <summary>The lab's U-Net generator exactly as torch_reference.py's Generator (same state-dict names).</summary>
internal sealed class LabGenerator : Module
{
    private readonly SameConv _d1, _d2, _d3, _d4, _u4, _u5, _u6, _out;
    private readonly BatchNorm2d _b2, _b3, _b4, _c4, _c5, _c6;

    public LabGenerator(int f, int tracks, int zc, SeededRandom r)
    {
        _d1 = RegisterModule("d1", new SameConv(1, f, 2, r));
        _d2 = RegisterModule("d2", new SameConv(f, 2 * f, 2, r));
        _b2 = RegisterModule("b2", new BatchNorm2d(2 * f, 0.2f));
        _d3 = RegisterModule("d3", new SameConv(2 * f, 4 * f, 2, r));
        _b3 = RegisterModule("b3", new BatchNorm2d(4 * f, 0.2f));
        _d4 = RegisterModule("d4", new SameConv(4 * f, 8 * f, 2, r));
        _b4 = RegisterModule("b4", new BatchNorm2d(8 * f, 0.2f));
        _u4 = RegisterModule("u4", new SameConv(8 * f + zc, 4 * f, 1, r));
        _c4 = RegisterModule("c4", new BatchNorm2d(4 * f, 0.2f));
        _u5 = RegisterModule("u5", new SameConv(8 * f, 2 * f, 1, r));
        _c5 = RegisterModule("c5", new BatchNorm2d(2 * f, 0.2f));
        _u6 = RegisterModule("u6", new SameConv(4 * f, f, 1, r));
        _c6 = RegisterModule("c6", new BatchNorm2d(f, 0.2f));
        _out = RegisterModule("out", new SameConv(2 * f, tracks, 1, r));
    }

    // c: (N, 1, H, W), z: (N, zc, H/16, W/16) → (N, tracks, H, W)
    public Tensor Forward(Tensor c, Tensor z)
    {
        // up(x) then conv, as torch_reference.py, through the fused phase-decomposed kernel.
        var d1 = _d1.Forward(c).LeakyRelu(0.2f);
        var d2 = _b2.Forward(_d2.Forward(d1).LeakyRelu(0.2f));
        var d3 = _b3.Forward(_d3.Forward(d2).LeakyRelu(0.2f));
        var d4 = _b4.Forward(_d4.Forward(d3).LeakyRelu(0.2f));
        var x = Tensor.Concat([d4, z]);
        var u4 = Tensor.Concat([_c4.Forward(_u4.ForwardUpsampled(x)).Relu(), d3]);
        var u5 = Tensor.Concat([_c5.Forward(_u5.ForwardUpsampled(u4)).Relu(), d2]);
        var u6 = Tensor.Concat([_c6.Forward(_u6.ForwardUpsampled(u5)).Relu(), d1]);
        return _out.ForwardUpsampled(u6).Tanh();
    }
}
