// swift-tools-version:6.0
// sgs: single-image GANs you can talk to. Layers, bottom to top:
// CBLAS/CPNG/CJPEG/CEditLine (system libraries) -> Tensor -> Imaging -> SinGAN -> Script -> sgs.
import PackageDescription

// Hot loops run on unsafe pointers; release builds drop the remaining overflow checks there.
let fast: [SwiftSetting] = [.unsafeFlags(["-Ounchecked", "-wmo"], .when(configuration: .release))]

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

        .target(name: "Tensor", dependencies: ["CBLAS"], swiftSettings: fast),
        .target(name: "Imaging", dependencies: ["CPNG", "CJPEG"], swiftSettings: fast),
        .target(name: "SinGAN", dependencies: ["Tensor", "Imaging"], swiftSettings: fast),
        .target(name: "Script", dependencies: ["SinGAN", "Imaging", "Tensor"]),
        .executableTarget(name: "sgs", dependencies: ["Script", "SinGAN", "Imaging", "Tensor", "CEditLine"]),
        .executableTarget(name: "sgs-bench", dependencies: ["SinGAN", "Tensor", "Imaging", "CBLAS"],
                          path: "Sources/Bench", swiftSettings: fast),

        .testTarget(name: "TensorTests", dependencies: ["Tensor", "CBLAS"]),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "CPNG"], exclude: ["Fixtures"]),
        .testTarget(name: "SinGANTests", dependencies: ["SinGAN", "Tensor", "Imaging"]),
        .testTarget(name: "ScriptTests", dependencies: ["Script"], exclude: ["corpus"]),
        .testTarget(name: "sgsTests", dependencies: ["sgs"]),
    ],
    swiftLanguageModes: [.v5]
)
