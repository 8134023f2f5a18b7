import Glibc

/// A 64-byte-aligned float32 buffer. Tensors share storage only when one is a view of the
/// same values (detach, reshape); every op writes a fresh storage.
public final class Storage {
    public let count: Int
    public let pointer: UnsafeMutablePointer<Float>

    /// Uninitialised memory of `count` floats.
    public init(count: Int) {
        self.count = count
        var raw: UnsafeMutableRawPointer?
        let bytes = max(count, 1) * MemoryLayout<Float>.stride
        guard posix_memalign(&raw, 64, bytes) == 0, let raw else {
            fatalError("out of memory allocating \(bytes) bytes")
        }
        pointer = raw.bindMemory(to: Float.self, capacity: max(count, 1))
    }

    public convenience init(zeros count: Int) {
        self.init(count: count)
        pointer.initialize(repeating: 0, count: count)
    }

    deinit { free(pointer) }

    public var buffer: UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(start: pointer, count: count)
    }
}
