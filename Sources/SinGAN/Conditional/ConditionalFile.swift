import Imaging
import Tensor

/// A conditional model in its file (docs/model-format.md): metadata `labels_palette` (the
/// palette as 0-255 R, G, B triples in label order) and `labels_boundaries`, and the
/// training map's labels as the tensor `labels.map` ([H, W] at the training size, label
/// numbers as floats). A file without them is a plain model, so plain files are unchanged.
extension Model {
    func addLabels(to file: inout SafeTensorsFile) {
        guard let labels else { return }
        file.setMetadata("labels_palette", labels.palette.flatMap { [Image.toByte($0.x), Image.toByte($0.y), Image.toByte($0.z)].map(Int.init) })
        file.setMetadata("labels_boundaries", labels.boundaries)
        file.add("labels.map", Tensor(labels.map.labels.map(Float.init), shape: [labels.map.height, labels.map.width]))
    }

    /// Restores the conditioning a file records (before its nets, whose input widths depend on it).
    func restoreLabels(from file: SafeTensorsFile, fail: (String) -> ModelFileError) throws {
        guard file.metadata["labels_palette"] != nil else { return }
        let bytes = try file.metadataInts("labels_palette")
        guard !bytes.isEmpty, bytes.count % 3 == 0, bytes.count <= 3 * 256, bytes.allSatisfy({ (0...255).contains($0) }) else {
            throw fail("metadata \"labels_palette\" must hold 1 to 256 colours as R, G, B from 0 to 255")
        }
        let palette = stride(from: 0, to: bytes.count, by: 3).map {
            SIMD3<Float>(Image.fromByte(UInt8(bytes[$0])), Image.fromByte(UInt8(bytes[$0 + 1])), Image.fromByte(UInt8(bytes[$0 + 2])))
        }
        let stored = try file.tensor("labels.map", shape: [geometry.height, geometry.width])
        guard stored.values.allSatisfy({ $0 >= 0 && $0 < Float(palette.count) && $0.rounded() == $0 }) else {
            throw fail("tensor \"labels.map\" must hold label numbers from 0 to \(palette.count - 1)")
        }
        let numbers = stored.values.map { Int($0) }
        let map = LabelMap(labels: numbers, width: geometry.width, height: geometry.height, palette: palette)
        labels = LabelConditioning(map: map, boundaries: try file.metadataBool("labels_boundaries"))
    }
}
