/// Scratch memory reused across convolution calls.
///
/// Training calls the same few convolution shapes thousands of times; allocating and
/// faulting in a fresh multi-megabyte im2col buffer each time would cost more than
/// the copy itself. Buffers are kept per slot and only ever grow.
///
/// Not thread-safe: the program calls kernels from one thread, and the kernels fetch
/// every buffer they need before fanning work out to the workers.
enum ConvScratch {
    /// What a buffer is for. Each parallel piece gets its own buffer of a slot.
    enum Slot: Hashable {
        case columns             // im2col blocks (or wide rows), one per piece
        case weightPartials      // per-piece partial weight gradients
        case biasPartials        // per-piece partial bias gradients
        case transposedGradient  // per-piece dY^T slices for the weight gradient
        case flippedWeights      // transposed, flipped weights for the input gradient
        case arrangedWeights     // weights split by kernel row (ColumnLayout.kernelRows)
        case winogradKernels     // transformed kernels U
        case winogradProducts    // per-piece GEMM products M (or transformed dY)
        case winogradScratch     // per-piece tile-transform rows
    }

    private struct Key: Hashable {
        let slot: Slot
        let piece: Int
    }

    // nonisolated(unsafe): only the thread that runs a convolution (one at a time per
    // process) takes buffers, before its Threads.forEach; the workers get the pointers.
    nonisolated(unsafe) private static var buffers: [Key: (pointer: UnsafeMutablePointer<Float>, count: Int)] = [:]

    /// A 64-byte aligned buffer of at least `count` floats; contents are unspecified.
    static func buffer(_ slot: Slot, piece: Int = 0, count: Int) -> UnsafeMutablePointer<Float> {
        let key = Key(slot: slot, piece: piece)
        if let existing = buffers[key], existing.count >= count { return existing.pointer }
        if let existing = buffers[key] { existing.pointer.deallocate() }
        // Round up so a slowly growing size does not reallocate on every call.
        let capacity = max(count, 16).roundedUpToPowerOfTwoish
        let pointer = UnsafeMutableRawPointer.allocate(byteCount: capacity * 4, alignment: 64)
            .bindMemory(to: Float.self, capacity: capacity)
        buffers[key] = (pointer, capacity)
        return pointer
    }

    /// Frees every cached buffer (tests and memory-conscious callers).
    static func releaseAll() {
        for (_, entry) in buffers { entry.pointer.deallocate() }
        buffers.removeAll()
    }
}

private extension Int {
    /// The next value of the form 2^k or 1.5 * 2^k: at most 50% slack.
    var roundedUpToPowerOfTwoish: Int {
        var p = 16
        while p < self {
            if p + p / 2 >= self { return p + p / 2 }
            p *= 2
        }
        return p
    }
}
