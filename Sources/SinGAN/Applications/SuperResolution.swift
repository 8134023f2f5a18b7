import Glibc
import Imaging
import Tensor

/// Super-resolution (docs/applications.md): a SinGAN trained on the low-resolution image
/// itself, with a strong reconstruction weight, learns how its finest scale adds detail to an
/// upsampled coarser scale; applying that finest generator again and again to the image
/// upsampled step by step extrapolates the detail to higher resolutions.
public enum SuperResolution {
    /// An untrained model for super-resolving `image` by `plan.factor` (SR settings and the
    /// SR pyramid applied to `base`). Train it with `Trainer`, then call `superresolve`
    /// (what `train_superres` and `upscale` do; stdlib/superres.sgs chains them).
    ///
    /// Such a model's pyramid is not the one `PyramidGeometry` computes from its settings,
    /// so the model file loader (which recomputes it) refuses it; keep it in memory.
    public static func model(for image: Image, plan: SuperResolutionPlan, name: String,
                             settings base: Settings, seed: UInt64) throws -> Model {
        let settings = plan.trainingSettings(base)
        let geometry = try PyramidGeometry(superResolutionOf: image.width, image.height, settings: settings)
        let finest = geometry.fit < 1 ? resize(image, scale: geometry.fit, mode: .clamped) : image
        let reals = geometry.sizes.enumerated().map { k, size -> Tensor in
            if k == 0 { return Tensor(finest) }
            let level = resize(finest, scale: Glibc.pow(geometry.scaleFactor, Double(k)), mode: .clamped)
            return Tensor(crop(level, x: 0, y: 0, width: size.width, height: size.height, extendEdges: true))
        }
        return Model(settings: settings, geometry: geometry, source: SourceImage(name: name, image: image),
                     reals: reals, seed: seed)
    }
}

extension Model {
    /// Upsamples the training image `plan.steps` times by `plan.step`, each time through the
    /// finest generator with its noise amplitude and fresh noise (gray at the first step, as
    /// the reference's SinGAN_generate draws it for its first generator), and crops the last
    /// step to round(S * W) x round(S * H).
    public func superresolve(_ plan: SuperResolutionPlan, using rng: inout RandomSource) throws -> Image {
        try requireTrained(downTo: 0)
        let (outWidth, outHeight) = plan.outputSize(width: geometry.width, height: geometry.height)
        guard outWidth.multipliedReportingOverflow(by: outHeight).partialValue <= 64_000_000 else {
            throw UserError("a \(outWidth)x\(outHeight) output is too large to generate")
        }
        var current = scales[0].real.image()
        for n in 0..<plan.steps {
            let up = Tensor(resize(current, scale: plan.step, mode: .clamped))
            let z = noise(up.shape, gray: n == 0, using: &rng)
            current = withoutGrad { step(0, previous: up, noise: z) }.image()
        }
        return crop(current, x: 0, y: 0, width: outWidth, height: outHeight, extendEdges: true)
    }
}
