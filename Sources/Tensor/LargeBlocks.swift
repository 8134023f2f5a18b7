import Glibc

/// Where the activation-sized buffers of Storage come from: their own mappings, recycled by
/// size class.
///
/// On glibc's heap, blocks of many sizes freed in a different order than they were taken
/// leave holes that later, differently sized blocks do not fit: a 128-channel iteration with
/// at most 463 MB of live tensors peaked at 690-820 MB of resident memory. A fresh mapping
/// for every block costs page faults instead (17 % more CPU time in that iteration). A
/// training step takes the same few sizes over and over, so a freed block is kept for the
/// next request of its class; a request that finds none maps a new block, first unmapping
/// the oldest cached ones so that live plus cached blocks never exceed the most that was
/// ever live at once. Resident memory then follows the live tensors (plus at most 1/8 for
/// the rounding) while most requests skip the faults. Huge pages, where the kernel offers
/// them on request, cut the faults of fresh blocks.
enum LargeBlocks {
    /// Buffers of at least this many bytes are mapped here; smaller ones come from malloc.
    static let minimumBytes = 1 << 20

    // Guarded by `lock`: a storage may be released on a worker thread.
    nonisolated(unsafe) private static var cache: [Int: [UnsafeMutableRawPointer]] = [:]
    nonisolated(unsafe) private static var order: [(bytes: Int, block: UnsafeMutableRawPointer)] = []
    /// The mapped size of blocks handed out for a smaller request.
    nonisolated(unsafe) private static var borrowed: [UnsafeMutableRawPointer: Int] = [:]
    nonisolated(unsafe) private static var cachedBytes = 0, liveBytes = 0, highWater = 0
    nonisolated(unsafe) private static var lock: UnsafeMutablePointer<pthread_mutex_t> = {
        let m = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(m, nil)
        return m
    }()

    /// The size a request of `bytes` is mapped with: rounded up to one of 8 classes per
    /// doubling, so the slightly different sizes of successive layers (each unpadded
    /// convolution takes two rows and columns off) share blocks; untouched tail pages of a
    /// block are not resident.
    static func mappedSize(_ bytes: Int) -> Int {
        let step = max(4096, 1 << max(0, (Int.bitWidth - bytes.leadingZeroBitCount - 1) - 3))
        return (bytes + step - 1) / step * step
    }

    /// A page-aligned block of `mappedSize(bytes)` bytes, or nil when the system refuses.
    static func take(_ bytes: Int) -> UnsafeMutableRawPointer? {
        let size = mappedSize(bytes)
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        liveBytes += size
        if let block = cache[size]?.popLast() {
            cachedBytes -= size
            order.removeAll { $0.block == block }
            return block
        }
        // A cached block of a larger class (up to twice the size) serves too: its pages are
        // already resident, where a new block would take page faults for every one of them.
        if let larger = cache.filter({ $0.key > size && $0.key <= 2 * size && !$0.value.isEmpty }).keys.min(),
           let block = cache[larger]?.popLast() {
            cachedBytes -= larger
            liveBytes += larger - size
            order.removeAll { $0.block == block }
            borrowed[block] = larger
            return block
        }
        // Any larger cached block is cut to size instead: its head pages are resident, and
        // the tail goes back to the system (a block whose pages are all new faults on every
        // one of them: about 4 % of an iteration before this).
        if let larger = cache.filter({ $0.key > size && !$0.value.isEmpty }).keys.min(),
           let block = cache[larger]?.popLast() {
            cachedBytes -= larger
            order.removeAll { $0.block == block }
            munmap(block + size, larger - size)
            return block
        }
        // Keep live + cached within the most ever live: a new block first displaces cached ones.
        highWater = max(highWater, liveBytes)
        while liveBytes + cachedBytes > highWater, !order.isEmpty {
            let oldest = order.removeFirst()
            cache[oldest.bytes]?.removeAll { $0 == oldest.block }
            cachedBytes -= oldest.bytes
            munmap(oldest.block, oldest.bytes)
        }
        guard let block = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              block != MAP_FAILED else { liveBytes -= size; return nil }
        _ = madvise(block, size, MADV_HUGEPAGE)
        return block
    }

    /// Returns a block from `take(bytes)` to the cache (it stays resident: the process's
    /// footprint does not grow, and the next request of its size skips the page faults).
    static func give(_ block: UnsafeMutableRawPointer, bytes: Int) {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        let size = borrowed.removeValue(forKey: block) ?? mappedSize(bytes)
        liveBytes -= size
        cache[size, default: []].append(block)
        order.append((size, block))
        cachedBytes += size
    }
}
