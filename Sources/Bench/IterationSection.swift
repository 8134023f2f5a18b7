/// One full SinGAN training iteration (3 D steps and 3 G steps, section 6 of the reference
/// digest) at 188x250 with 32 channels: `iter_seconds` (best of a few iterations) and
/// `iter_gflop` (the convolution work of one iteration, by the FLOP count of ConvShape).
///
/// Not written yet: the keys are reported as null so the JSON shape is stable. To fill it in,
/// build a model and an image here, time `measureInterleaved` on a closure that runs one
/// iteration (or `bestTime` if the run is long), and add both figures.
func iterationSection(into results: inout BenchResults) {
    results.add("iter_seconds", nil, label: "SinGAN iteration 188x250", unit: "s")
    results.add("iter_gflop", nil, label: "SinGAN iteration conv work", unit: "GFLOP")
}
