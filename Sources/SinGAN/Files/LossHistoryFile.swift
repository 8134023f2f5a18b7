// The per-iteration losses of every trained scale, kept in the model file as one tensor per
// scale, `scale{k}.losses` of shape [iterations, 3] (D, G, reconstruction), so `show losses`
// can plot a model trained in another session. Files written before the history existed
// simply lack these tensors and load with an empty history.
import Tensor

extension Model {
    /// The columns of a `scale{k}.losses` tensor, in order.
    public static let lossColumns = ["discriminator", "generator", "reconstruction"]

    func addLossHistories(to file: inout SafeTensorsFile) {
        for scale in scales where scale.trained && !scale.lossHistory.isEmpty {
            let values = scale.lossHistory.flatMap { [$0.discriminator, $0.generator, $0.reconstruction] }
            file.add("scale\(scale.index).losses", Tensor(values, shape: [scale.lossHistory.count, 3]))
        }
    }

    func restoreLossHistories(from file: SafeTensorsFile, fail: (String) -> ModelFileError) throws {
        for scale in scales where scale.trained {
            guard let entry = file.entry("scale\(scale.index).losses") else { continue }
            guard entry.shape.count == 2, entry.shape[1] == 3, entry.values.count == entry.shape[0] * 3 else {
                throw fail("tensor \"scale\(scale.index).losses\" must have shape [iterations, 3], not \(entry.shape)")
            }
            scale.lossHistory = stride(from: 0, to: entry.values.count, by: 3).map {
                Losses(discriminator: entry.values[$0], generator: entry.values[$0 + 1], reconstruction: entry.values[$0 + 2])
            }
            scale.losses = scale.lossHistory.last
        }
    }
}
