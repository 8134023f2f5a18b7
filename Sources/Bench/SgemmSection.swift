import CBLAS
import Glibc
import Tensor

/// Peak: plain `cblas_sgemm` on 2048^3 with OpenBLAS's own threads (`Threads.count` of them;
/// the engine keeps OpenBLAS on one thread and parallelises itself). The conv figures of a
/// group are reported as a fraction of the one measured in the same group.
func sgemmMeasurement(key: String = "sgemm_gflops", size n: Int = 2048) -> Measurement {
    let a = BenchBuffer(n * n, seed: 1), b = BenchBuffer(n * n, seed: 2), c = BenchBuffer(n * n, seed: 3)
    return Measurement(key: key, label: "sgemm \(n)^3", report: .gflops(2 * Double(n * n * n))) {
        withBLASThreads {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n),
                        1, a.pointer, Int32(n), b.pointer, Int32(n), 0, c.pointer, Int32(n))
        }
    }
}

/// Runs `body` with OpenBLAS on `Threads.count` threads, then back on one.
func withBLASThreads<T>(_ body: () -> T) -> T {
    openblas_set_num_threads(Int32(Threads.count))
    defer { openblas_set_num_threads(1) }
    return body()
}

/// Waits until OpenBLAS's threads, idle since the last sgemm, stop spinning (they poll for
/// new work for about 0.1 s before they sleep), so the next timing has the cores to itself.
func letBLASThreadsSleep() {
    if Threads.count > 1 { usleep(300_000) }
}
