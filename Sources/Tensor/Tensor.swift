import Foundation

/// A float32 tensor in NCHW layout with optional autograd history.
///
/// Values are immutable once an op has produced them; only optimizers write into the
/// storage of leaf parameters, between graphs.
public final class Tensor {
    public let shape: [Int]
    public let storage: Storage
    /// Set on leaves that gradients should reach (parameters, the penalty's interpolate).
    public var requiresGrad: Bool
    /// The op that produced this tensor, when it was recorded.
    public internal(set) var gradFn: Node?
    /// Accumulated by `backward` on leaves.
    public var grad: Tensor?
    /// Set on a training-mode BatchNorm output so a following LeakyReLU can fuse with it.
    var batchNormRecord: BatchNormRecord?

    public init(shape: [Int], storage: Storage, requiresGrad: Bool = false) {
        precondition(shape.reduce(1, *) == storage.count, "shape \(shape) does not match \(storage.count) values")
        self.shape = shape
        self.storage = storage
        self.requiresGrad = requiresGrad
    }

    /// Uninitialised values; for ops that write every element.
    public convenience init(uninitialized shape: [Int]) {
        self.init(shape: shape, storage: Storage(count: shape.reduce(1, *)))
    }

    public convenience init(zeros shape: [Int], requiresGrad: Bool = false) {
        self.init(shape: shape, storage: Storage(zeros: shape.reduce(1, *)), requiresGrad: requiresGrad)
    }

    public convenience init(repeating value: Float, shape: [Int]) {
        let storage = Storage(count: shape.reduce(1, *))
        storage.pointer.initialize(repeating: value, count: storage.count)
        self.init(shape: shape, storage: storage)
    }

    public convenience init(_ values: [Float], shape: [Int], requiresGrad: Bool = false) {
        let storage = Storage(count: values.count)
        values.withUnsafeBufferPointer { storage.pointer.initialize(from: $0.baseAddress!, count: values.count) }
        self.init(shape: shape, storage: storage, requiresGrad: requiresGrad)
    }

    public var count: Int { storage.count }
    public var rank: Int { shape.count }
    public var values: [Float] { Array(storage.buffer) }
    public var pointer: UnsafeMutablePointer<Float> { storage.pointer }

    /// The single value of a one-element tensor.
    public var item: Float {
        precondition(count == 1, "item of a tensor with \(count) values")
        return storage.pointer[0]
    }

    /// Whether an op on this tensor must be recorded for autograd.
    var isTracked: Bool { requiresGrad || gradFn != nil }

    /// The same values with no history: gradients stop here.
    public func detached() -> Tensor {
        Tensor(shape: shape, storage: storage)
    }

    /// A copy of the values in fresh storage, with no history.
    public func copy() -> Tensor {
        let out = Tensor(uninitialized: shape)
        out.pointer.update(from: pointer, count: count)
        return out
    }

    /// NCHW accessors for tensors of rank 4.
    public var n: Int { shape[0] }
    public var c: Int { shape[1] }
    public var h: Int { shape[2] }
    public var w: Int { shape[3] }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let shown = values.prefix(8).map { String(format: "%.4g", Double($0)) }.joined(separator: ", ")
        return "Tensor\(shape)[\(shown)\(count > 8 ? ", ..." : "")]"
    }
}
