import Tensor

/// A safetensors file held in memory: named float32 tensors plus string metadata.
///
/// Layout on disk (see docs/model-format.md): an 8-byte little-endian header length N, N
/// bytes of JSON (padded with spaces to a multiple of 8), then the raw little-endian data of
/// the tensors packed in the order of `tensors`. Only F32 is read or written.
public struct SafeTensorsFile {
    /// One named tensor. Values are in row-major (NCHW) order, as in `Tensor`.
    public struct Entry: Equatable {
        public var name: String
        public var shape: [Int]
        public var values: [Float]

        public init(name: String, shape: [Int], values: [Float]) {
            self.name = name
            self.shape = shape
            self.values = values
        }

        public init(name: String, tensor: Tensor) {
            self.init(name: name, shape: tensor.shape, values: tensor.values)
        }

        /// As a `Tensor` (a scalar, shape [], becomes shape [1]: Tensor has no rank 0).
        public var tensor: Tensor {
            if values.isEmpty { return Tensor(zeros: shape) }
            return Tensor(values, shape: shape.isEmpty ? [1] : shape)
        }
    }

    /// In data order: written in this order, and read back in the order of their offsets.
    public var tensors: [Entry]
    /// The `__metadata__` object: every value a string, as the format requires.
    public var metadata: [String: String]
    /// Where the file was read from, or "<memory>"; used in error messages.
    public var path: String

    public init(tensors: [Entry] = [], metadata: [String: String] = [:], path: String = "<memory>") {
        self.tensors = tensors
        self.metadata = metadata
        self.path = path
    }

    /// Appends a tensor (data order is the order of `add` calls).
    public mutating func add(_ name: String, _ tensor: Tensor) {
        tensors.append(Entry(name: name, tensor: tensor))
    }

    public func entry(_ name: String) -> Entry? {
        tensors.first { $0.name == name }
    }

    /// The tensor called `name`; a missing tensor, or one whose shape is not `shape` (when
    /// given), is an error that names the file.
    public func tensor(_ name: String, shape: [Int]? = nil) throws -> Tensor {
        guard let entry = entry(name) else { throw ModelFileError(path: path, problem: "missing tensor \"\(name)\"") }
        if let shape, entry.shape != shape {
            throw ModelFileError(path: path, problem: "tensor \"\(name)\" has shape \(entry.shape), expected \(shape)")
        }
        return entry.tensor
    }
}
