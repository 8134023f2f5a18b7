// swift-tools-version:6.0
// sgs: single-image GANs you can talk to. Layers, bottom to top:
// CBLAS/CPNG/CJPEG/CEditLine (system libraries), VectorKernels -> AVX2Kernels/AVX512Kernels -> Tensor -> Imaging -> SinGAN -> SGSCommands -> sgs,
// with Script (the language: no SinGAN, Imaging or Tensor) under SGSCommands.
import PackageDescription

// -Ounchecked removes every precondition and bounds check, not only overflow checks, so it
// is kept only for Tensor's kernels (hot loops on unsafe pointers; Tensor parses no input).
// Everything that reads files or scripts (Imaging, SinGAN, Script, SGSCommands) keeps its
// checks in release builds: docs/fuzzing.md quotes the cost.
//
// The engine is also compiled for AVX2 + FMA ("haswell": x86-64-v3; both machine kinds, Zen 3
// and Zen 4, have it): 8-float vectors in the Winograd transforms and element-wise loops.
// The sgs executable (compiled for the baseline) refuses older CPUs at start-up (CPUCheck.swift).
//
// The vector micro-kernels worth a wider instruction set are written once in VectorKernels,
// generic over the vector width, and instantiated in two small modules: AVX2Kernels (8-float
// vectors, for AVX2) and AVX512Kernels (16-float, compiled for AVX-512; Tensor calls it only
// when /proc/cpuinfo lists AVX-512: CPUFeatures.swift). The two are optimised in debug
// builds too: generic code is only fast once specialised, and the test suite runs debug.
#if arch(x86_64)
let vectorWidth: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell"])]
let avx512Width: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "skylake-avx512"])]
#else
let vectorWidth: [SwiftSetting] = []
let avx512Width: [SwiftSetting] = []
#endif
let fast: [SwiftSetting] = [.unsafeFlags(["-Ounchecked", "-wmo"], .when(configuration: .release))] + vectorWidth
let alwaysOptimised: [SwiftSetting] = [.unsafeFlags(["-Ounchecked", "-wmo"], .when(configuration: .release)),
                                       .unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "sgs",
    products: [
        .executable(name: "sgs", targets: ["sgs"]),
    ],
    targets: [
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng",
                       providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CJPEG", path: "Sources/CJPEG", pkgConfig: "libjpeg",
                       providers: [.apt(["libjpeg62-turbo-dev"])]),
        .systemLibrary(name: "CEditLine", path: "Sources/CEditLine", pkgConfig: "libedit",
                       providers: [.apt(["libedit-dev"])]),

        .target(name: "VectorKernels"),
        .target(name: "AVX2Kernels", dependencies: ["VectorKernels"], swiftSettings: alwaysOptimised + vectorWidth),
        .target(name: "AVX512Kernels", dependencies: ["VectorKernels"], swiftSettings: alwaysOptimised + avx512Width),
        .target(name: "Tensor", dependencies: ["CBLAS", "AVX2Kernels", "AVX512Kernels"], swiftSettings: fast),
        .target(name: "Imaging", dependencies: ["CPNG", "CJPEG"]),
        .target(name: "SinGAN", dependencies: ["Tensor", "Imaging"]),
        .target(name: "Script"),
        .target(name: "SGSCommands", dependencies: ["Script", "SinGAN", "Imaging", "Tensor"]),
        .executableTarget(name: "sgs", dependencies: ["SGSCommands", "Script", "SinGAN", "Imaging", "CEditLine"]),
        .executableTarget(name: "sgs-bench", dependencies: ["SinGAN", "Tensor", "Imaging", "CBLAS"],
                          path: "Sources/Bench"),

        .testTarget(name: "TensorTests", dependencies: ["Tensor", "CBLAS"]),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "CPNG"], exclude: ["Fixtures"]),
        .testTarget(name: "SinGANTests", dependencies: ["SinGAN", "Tensor", "Imaging"]),
        .testTarget(name: "ScriptTests", dependencies: ["Script", "SGSCommands"], exclude: ["corpus"]),
        .testTarget(name: "sgsTests", dependencies: ["sgs"]),
    ],
    swiftLanguageModes: [.v6]
)
