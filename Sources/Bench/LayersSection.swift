import Tensor

// `--layers`: milliseconds of each kernel (forward, input gradient, weight gradient) for every
// convolution shape of the benchmark iteration (188x250 image padded by 5, 5 layers, 32
// channels; or 128 for the paper's finest scales), so the iteration's time can be split by
// layer kind: the 3-channel first layer, the Winograd middle layers, the 3- and 1-channel
// last layers. Each shape is one interleaved group (its three kernels and nothing else).

func layersSection(into results: inout BenchResults, channels: Int, seconds: Double) {
    let (h, w) = (198, 260)  // the generator's padded input; the critic's starts 10 smaller
    let shapes: [(key: String, label: String, shape: ConvShape)] = [
        ("first", "3->\(channels) first layer", ConvShape(batch: 1, inChannels: 3, height: h, width: w,
                                                         outChannels: channels, kernel: 3)),
        ("middle", "\(channels)->\(channels) middle layer", ConvShape(batch: 1, inChannels: channels, height: h - 2,
                                                                     width: w - 2, outChannels: channels, kernel: 3)),
        ("last3", "\(channels)->3 generator tail", ConvShape(batch: 1, inChannels: channels, height: h - 8, width: w - 8,
                                                          outChannels: 3, kernel: 3)),
        ("last1", "\(channels)->1 critic tail", ConvShape(batch: 1, inChannels: channels, height: h - 18,
                                                       width: w - 18, outChannels: 1, kernel: 3)),
    ]
    for (key, label, shape) in shapes {
        let kernels = ConvBenchKernels(shape)
        let items = ConvBenchKernels.kinds.enumerated().map { kind, names in
            Measurement(key: "layer\(channels)_\(key)_\(names.key)_seconds", label: "\(label) \(names.name)",
                        report: .seconds) { kernels.run(kind) }
        }
        results.addGroup(items, seconds: seconds)
    }
}
