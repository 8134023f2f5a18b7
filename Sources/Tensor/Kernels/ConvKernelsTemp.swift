// TEMPORARY plain-loop kernels so the core builds before the fast kernels land.
public struct ConvShape: Equatable {
    public var batch, inChannels, height, width, outChannels, kernelHeight, kernelWidth: Int
    public init(batch: Int, inChannels: Int, height: Int, width: Int, outChannels: Int, kernelHeight: Int, kernelWidth: Int) {
        self.batch = batch; self.inChannels = inChannels; self.height = height; self.width = width
        self.outChannels = outChannels; self.kernelHeight = kernelHeight; self.kernelWidth = kernelWidth
    }
    public var outHeight: Int { height - kernelHeight + 1 }
    public var outWidth: Int { width - kernelWidth + 1 }
}

public enum ConvKernels {
    public static func forward(input: UnsafePointer<Float>, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>, shape s: ConvShape) {
        for n in 0..<s.batch { for co in 0..<s.outChannels { for oy in 0..<s.outHeight { for ox in 0..<s.outWidth {
            var acc: Float = bias?[co] ?? 0
            for ci in 0..<s.inChannels { for ky in 0..<s.kernelHeight { for kx in 0..<s.kernelWidth {
                acc += weight[((co * s.inChannels + ci) * s.kernelHeight + ky) * s.kernelWidth + kx] * input[((n * s.inChannels + ci) * s.height + oy + ky) * s.width + ox + kx]
            }}}
            output[((n * s.outChannels + co) * s.outHeight + oy) * s.outWidth + ox] = acc
        }}}}
    }
    public static func inputGradient(outputGradient dy: UnsafePointer<Float>, weight: UnsafePointer<Float>, inputGradient dx: UnsafeMutablePointer<Float>, shape s: ConvShape) {
        dx.initialize(repeating: 0, count: s.batch * s.inChannels * s.height * s.width)
        for n in 0..<s.batch { for co in 0..<s.outChannels { for oy in 0..<s.outHeight { for ox in 0..<s.outWidth {
            let g = dy[((n * s.outChannels + co) * s.outHeight + oy) * s.outWidth + ox]
            for ci in 0..<s.inChannels { for ky in 0..<s.kernelHeight { for kx in 0..<s.kernelWidth {
                dx[((n * s.inChannels + ci) * s.height + oy + ky) * s.width + ox + kx] += g * weight[((co * s.inChannels + ci) * s.kernelHeight + ky) * s.kernelWidth + kx]
            }}}
        }}}}
    }
    public static func weightGradient(input: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>, weightGradient dw: UnsafeMutablePointer<Float>, biasGradient db: UnsafeMutablePointer<Float>?, shape s: ConvShape) {
        dw.initialize(repeating: 0, count: s.outChannels * s.inChannels * s.kernelHeight * s.kernelWidth)
        db?.initialize(repeating: 0, count: s.outChannels)
        for n in 0..<s.batch { for co in 0..<s.outChannels { for oy in 0..<s.outHeight { for ox in 0..<s.outWidth {
            let g = dy[((n * s.outChannels + co) * s.outHeight + oy) * s.outWidth + ox]
            db?[co] += g
            for ci in 0..<s.inChannels { for ky in 0..<s.kernelHeight { for kx in 0..<s.kernelWidth {
                dw[((co * s.inChannels + ci) * s.kernelHeight + ky) * s.kernelWidth + kx] += g * input[((n * s.inChannels + ci) * s.height + oy + ky) * s.width + ox + kx]
            }}}
        }}}}
    }
}
