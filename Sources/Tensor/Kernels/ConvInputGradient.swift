extension ConvKernels {
    /// `dx[n, ci, iy, ix] = sum_{co,ky,kx} w[co, ci, ky, kx] * dy[n, co, iy-ky, ix-kx]`
    /// (terms outside dy are zero); `inputGradient` is overwritten.
    ///
    /// This is the "full" convolution of dy, zero-padded by kernel-1 on every side, with the
    /// weights transposed (ci <-> co) and flipped in both spatial directions. Written that
    /// way it is the forward loop again, with the same skinny-but-deep GEMM
    /// (M = inChannels, K = outChannels*kh*kw, N = pixels), instead of a K = outChannels
    /// GEMM followed by a col2im scatter-add. Below 16 input channels (the first layer) that
    /// GEMM is too short, and ScatterInputGradient does the col2im form instead.
    public static func inputGradient(outputGradient: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                                     inputGradient: UnsafeMutablePointer<Float>, shape: ConvShape) {
        shape.check()
        if shape.inChannels < ScatterInputGradient.channelLimit {
            ScatterInputGradient.run(outputGradient: outputGradient, weight: weight,
                                     inputGradient: inputGradient, shape: shape)
            return
        }
        let cin = shape.inChannels, cout = shape.outChannels
        let kh = shape.kernelHeight, kw = shape.kernelWidth
        let taps = kh * kw
        let flipped = ConvScratch.buffer(.flippedWeights, count: shape.weightCount)
        // flipped[ci, co, kh-1-ky, kw-1-kx] = w[co, ci, ky, kx]
        for co in 0..<cout {
            for ci in 0..<cin {
                let from = weight + (co * cin + ci) * taps
                let to = flipped + (ci * cout + co) * taps + taps - 1
                for t in 0..<taps { to[-t] = from[t] }
            }
        }
        let geometry = Im2colGeometry(channels: cout, height: shape.outHeight, width: shape.outWidth,
                                      kernelHeight: kh, kernelWidth: kw,
                                      padTop: kh - 1, padLeft: kw - 1,
                                      outHeight: shape.height, outWidth: shape.width)
        if ConvTuning.usesWinograd(kernelHeight: kh, kernelWidth: kw, channels: cout, outChannels: cin,
                                   outPixels: shape.height * shape.width) {
            WinogradConvolution.run(source: outputGradient, geometry: geometry, kernels: flipped, bias: nil,
                                    outChannels: cin, output: inputGradient, batch: shape.batch)
            return
        }
        ColumnConvolution.run(source: outputGradient, geometry: geometry, weights: flipped, bias: nil,
                              outChannels: cin, output: inputGradient, batch: shape.batch)
    }
}
