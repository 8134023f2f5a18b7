import Tensor

/// A critic of (label map, image) pairs, as pix2pixHD's: the label channels are joined to
/// the image before the first conv. The labels are constants held here, so the WGAN-GP
/// penalty's gradient is taken with respect to the image only, and CriticLoss (with the
/// dscales, fm and loss switches) works on these critics unchanged.
final class LabelledCritic: Critic {
    let stack: ConvStack
    /// [N, C, H, W] with the batch and size of the images this critic judges.
    let labels: Tensor

    init(_ stack: ConvStack, labels: Tensor) {
        self.stack = stack
        self.labels = labels
    }

    func forward(_ image: Tensor) -> (output: Tensor, features: [Tensor]) {
        stack.forward(concatChannels([labels, image]))
    }

    /// D's critics, each given the labels as it sees the image (critic i: pooled i times).
    static func wrap(_ d: Discriminator, labels: Tensor) -> [Critic] {
        let pooled = withoutGrad { criticInputs(labels, count: d.critics.count) }
        return zip(d.critics, pooled).map { LabelledCritic($0, labels: $1) }
    }
}
