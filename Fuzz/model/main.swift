// Fuzz target: the safetensors reader and the model loader behind `load model`: header
// length, strict JSON, offsets, then every metadata field and tensor shape (ModelFileChecks).
// Any input must end in a model or a ModelFileError: no trap, no absurd allocation.
import SinGAN

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let file = try? SafeTensorsFile.decode(bytes, path: "fuzz.sgm") else { return 0 }
    _ = try? Model.load(file)
    return 0
}
