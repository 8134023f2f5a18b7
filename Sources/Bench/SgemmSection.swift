import CBLAS

/// Peak: plain `cblas_sgemm` on 2048^3 with OpenBLAS's own threads. The conv figures of
/// a group are reported as a fraction of the one measured in the same group.
func sgemmMeasurement(key: String = "sgemm_gflops", size n: Int = 2048) -> Measurement {
    let a = BenchBuffer(n * n, seed: 1), b = BenchBuffer(n * n, seed: 2), c = BenchBuffer(n * n, seed: 3)
    return Measurement(key: key, label: "sgemm \(n)^3", report: .gflops(2 * Double(n * n * n))) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n),
                    1, a.pointer, Int32(n), b.pointer, Int32(n), 0, c.pointer, Int32(n))
    }
}
