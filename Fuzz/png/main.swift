// Fuzz target: the PNG reader (libpng's simplified API behind our chunk filter and limits).
// The reader takes a path, as every caller does, so each input goes through a file in
// /dev/shm (memory). Any input must end in an image or an ImagingError.
import Glibc
import Imaging

let path = "/dev/shm/sgs-fuzz-png-\(getpid()).png"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let file = fopen(path, "wb") else { return 0 }
    fwrite(data, 1, size, file)
    fclose(file)
    if let loaded = try? readPNG(path, minimumSide: 1) {
        // Every decoded sample is a finite value in [-1, 1].
        precondition(loaded.image.pixels.allSatisfy { $0 >= -1 && $0 <= 1 })
        precondition(loaded.image.pixels.count == 3 * loaded.image.width * loaded.image.height)
    }
    return 0
}
