/// A width-generic kernel run at both widths: `wide` (16-float vectors) from the start when
/// the CPU has AVX-512 (`ConvTuning.avx512`), then `narrow` (8-float) from where it stopped.
/// Each takes its first column or tile and returns how far whole vectors reached.
@inline(__always)
func acrossWidths(_ wide: (Int) -> Int, _ narrow: (Int) -> Int) -> Int {
    narrow(ConvTuning.avx512 ? wide(0) : 0)
}
