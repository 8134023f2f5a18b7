// Fuzz target: the JPEG reader (libjpeg-turbo behind Sources/CJPEG). Built only when the
// reader exists (see `requires`). Each input goes through a file in /dev/shm, as readers
// take paths. Any input must end in an image or an ImagingError.
import Glibc
import Imaging

let path = "/dev/shm/sgs-fuzz-jpeg-\(getpid()).jpg"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let file = fopen(path, "wb") else { return 0 }
    fwrite(data, 1, size, file)
    fclose(file)
    if let image = try? readJPEG(path, minimumSide: 1) {
        precondition(image.pixels.allSatisfy { $0 >= -1 && $0 <= 1 })
        precondition(image.pixels.count == 3 * image.width * image.height)
    }
    return 0
}
