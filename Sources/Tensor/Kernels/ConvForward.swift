/// Pointer-level convolution kernels: stride 1, no padding, NCHW float32, contiguous.
/// No autograd here; the Tensor ops wrap these. See docs/performance.md for the design.
public enum ConvKernels {
    /// `y[n, co, oy, ox] = bias[co] + sum_{ci,ky,kx} w[co, ci, ky, kx] * x[n, ci, oy+ky, ox+kx]`.
    ///
    /// `input` is `[batch, inChannels, height, width]`, `weight` `[outChannels, inChannels,
    /// kernelHeight, kernelWidth]`, `bias` `[outChannels]`, `output` `[batch, outChannels,
    /// outHeight, outWidth]` (overwritten). The weight tensor is already the
    /// `outChannels x (inChannels*kh*kw)` row-major matrix the GEMM wants.
    public static func forward(input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                               bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>,
                               shape: ConvShape) {
        shape.check()
        if shape.outChannels == 1 {
            SingleOutputConvolution.forward(input: input, weight: weight, bias: bias, output: output, shape: shape)
            return
        }
        if NarrowConvolution.handlesForward(shape) {
            NarrowConvolution.forward(input: input, weight: weight, bias: bias, output: output, shape: shape)
            return
        }
        let geometry = Im2colGeometry(channels: shape.inChannels, height: shape.height, width: shape.width,
                                      kernelHeight: shape.kernelHeight, kernelWidth: shape.kernelWidth,
                                      padTop: 0, padLeft: 0,
                                      outHeight: shape.outHeight, outWidth: shape.outWidth)
        if ConvTuning.usesWinograd(kernelHeight: shape.kernelHeight, kernelWidth: shape.kernelWidth,
                                   channels: shape.inChannels, outChannels: shape.outChannels,
                                   outPixels: shape.outHeight * shape.outWidth) {
            WinogradConvolution.run(source: input, geometry: geometry, kernels: weight, bias: bias,
                                    outChannels: shape.outChannels, output: output, batch: shape.batch)
            return
        }
        ColumnConvolution.run(source: input, geometry: geometry, weights: weight, bias: bias,
                              outChannels: shape.outChannels, output: output, batch: shape.batch)
    }
}
