import Foundation
import Imaging
import SinGAN
import Tensor

// Patch nearest-neighbour generation (GPNN, docs/pnn.md): seconds per sample at 250x188 (the
// colusseum image) and at 500x376 (the same image enlarged 2x), default settings (hybrid
// search). One sample is seconds of work, far longer than an sgemm call, so the best of a
// few samples is taken, as for the training iteration.

func pnnSection(into results: inout BenchResults, image path: String) {
    let (image, name) = pnnBenchImage(path)
    var settings = PNNSettings()
    settings.search = .hybrid
    var seed: UInt64 = 1
    func sampleOnce(_ input: Image) {
        _ = try? PNN.sample(input, settings: settings, seed: seed)
        seed += 1
    }
    let small = bestTime(warmup: 1, minReps: 3, maxReps: 5, minSeconds: 0) { sampleOnce(image) }
    results.add("pnn_seconds_250", small, label: "PNN sample \(image.width)x\(image.height) (\(name))", unit: "s")
    let large = resize(image, width: 2 * image.width, height: 2 * image.height)
    let big = bestTime(warmup: 0, minReps: 2, maxReps: 2, minSeconds: 0) { sampleOnce(large) }
    results.add("pnn_seconds_500", big, label: "PNN sample \(large.width)x\(large.height) (\(name) x2)", unit: "s")
}

/// The bench image, or a synthetic landscape of the same size when it cannot be read.
func pnnBenchImage(_ path: String) -> (Image, String) {
    if let image = try? readPNG(path).image { return (image, (path as NSString).lastPathComponent) }
    return (synth(.landscape, width: 250, height: 188, seed: 1), "synth landscape")
}
