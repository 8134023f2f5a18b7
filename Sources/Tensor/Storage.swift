import Glibc

/// A 64-byte-aligned float32 buffer. Tensors share storage only when one is a view of the
/// same values (detach, reshape); every op writes a fresh storage.
public final class Storage {
    public let count: Int
    public let pointer: UnsafeMutablePointer<Float>
    /// Whether the buffer came from LargeBlocks (activation-sized) rather than malloc.
    private let mapped: Bool

    /// Uninitialised memory of `count` floats.
    public init(count: Int) {
        _ = mallocTuned
        self.count = count
        var raw: UnsafeMutableRawPointer?
        let bytes = max(count, 1) * MemoryLayout<Float>.stride
        mapped = bytes >= LargeBlocks.minimumBytes
        if mapped { raw = LargeBlocks.take(bytes) } else if posix_memalign(&raw, 64, bytes) != 0 { raw = nil }
        guard let raw else { fatalError("out of memory allocating \(bytes) bytes") }
        pointer = raw.bindMemory(to: Float.self, capacity: max(count, 1))
    }

    public convenience init(zeros count: Int) {
        self.init(count: count)
        pointer.initialize(repeating: 0, count: count)
    }

    deinit {
        if mapped { LargeBlocks.give(pointer, bytes: max(count, 1) * MemoryLayout<Float>.stride) } else { free(pointer) }
    }

    public var buffer: UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(start: pointer, count: count)
    }
}

/// Every op writes a fresh multi-megabyte storage. glibc serves blocks that large with
/// mmap by default, so each op paid for fresh zeroed pages (page faults) and munmap on
/// free. Keeping them on the heap (and not trimming it back) lets freed blocks be reused
/// at once; the peak heap is the peak live set, which training needs anyway.
/// (mallopt is looked up at run time: Glibc's module map leaves out malloc.h.)
private let mallocTuned: Void = {
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }  // RTLD_DEFAULT
    let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
    let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3  // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD
    _ = mallopt(mmapThreshold, 32 << 20)  // glibc's maximum: larger blocks still use mmap
    _ = mallopt(trimThreshold, 1 << 30)
}()
