/// The geometry of one stride-1, unpadded 2-D convolution over NCHW float32 tensors.
///
/// The SinGAN networks pad their inputs outside the convolution, so the kernels only
/// need the "valid" case: the output shrinks by `kernel - 1` in each direction.
public struct ConvShape: Equatable, Sendable {
    public var batch: Int
    public var inChannels: Int
    public var height: Int
    public var width: Int
    public var outChannels: Int
    public var kernelHeight: Int
    public var kernelWidth: Int

    public init(batch: Int, inChannels: Int, height: Int, width: Int,
                outChannels: Int, kernelHeight: Int, kernelWidth: Int) {
        self.batch = batch
        self.inChannels = inChannels
        self.height = height
        self.width = width
        self.outChannels = outChannels
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
    }

    /// A square `kernel` x `kernel` convolution.
    public init(batch: Int, inChannels: Int, height: Int, width: Int, outChannels: Int, kernel: Int) {
        self.init(batch: batch, inChannels: inChannels, height: height, width: width,
                  outChannels: outChannels, kernelHeight: kernel, kernelWidth: kernel)
    }

    public var outHeight: Int { height - kernelHeight + 1 }
    public var outWidth: Int { width - kernelWidth + 1 }

    /// Element counts of the four tensors involved.
    public var inputCount: Int { batch * inChannels * height * width }
    public var outputCount: Int { batch * outChannels * outHeight * outWidth }
    public var weightCount: Int { outChannels * inChannels * kernelHeight * kernelWidth }

    /// Multiply-adds times two: the conventional FLOP count of one forward pass
    /// (the input and weight gradients cost the same).
    public var flops: Double {
        2.0 * Double(batch) * Double(outChannels) * Double(inChannels)
            * Double(kernelHeight * kernelWidth) * Double(outHeight) * Double(outWidth)
    }

    /// Shapes come from our own layers, so an inconsistent one is a programming error.
    @inline(__always)
    func check() {
        precondition(batch >= 1 && inChannels >= 1 && outChannels >= 1, "conv: empty shape \(self)")
        precondition(kernelHeight >= 1 && kernelWidth >= 1, "conv: empty kernel \(self)")
        precondition(outHeight >= 1 && outWidth >= 1, "conv: kernel larger than input \(self)")
    }
}
