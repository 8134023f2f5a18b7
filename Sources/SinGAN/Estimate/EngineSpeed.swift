import Foundation
import Imaging
import Tensor

/// How fast this machine trains, in counted FLOPs per second (TrainingCost), measured once
/// per recipe, width, CPU and thread count by timing real iterations of a small model (the
/// GEMMs' efficiency depends on the width), and cached
/// in `$XDG_CACHE_HOME/sgs/engine-speed.json` (else `~/.cache/sgs/`).
public enum EngineSpeed {
    /// The cached speed, measuring it (about a second per recipe) when there is none.
    public static func flopsPerSecond(_ recipe: Recipe, channels: Int, cacheFile: String? = defaultCacheFile) -> Double {
        let key = machineKey + " \(recipe.rawValue) \(channels)"
        var cache = cacheFile.flatMap(readCache) ?? [:]
        if let known = cache[key], known > 0 { return known }
        let speed = measure(recipe, channels: channels)
        cache[key] = speed
        if let cacheFile { writeCache(cache, to: cacheFile) }
        return speed
    }

    /// Seconds to train `model` from scale `start` down to `end` at `iterations` per scale.
    public static func seconds(_ model: Model, from start: Int? = nil, to end: Int = 0, iterations: Int? = nil,
                               cacheFile: String? = defaultCacheFile) -> Double {
        model.trainingFLOPs(from: start, to: end, iterations: iterations)
            / flopsPerSecond(model.recipe, channels: model.width(ofScale: 0), cacheFile: cacheFile)
    }

    /// Times iterations 2...5 of one scale at 64x48 with `channels` (the first warms up).
    static func measure(_ recipe: Recipe, channels: Int) -> Double {
        var s = Settings()
        s.channels = channels; s.maxChannels = channels; s.scales = 1; s.minSize = 48; s.maxSize = 64; s.iterations = 5
        if recipe == .consingan {
            s.consingan = ConSinGANSettings(); s.layers = 3; s.leakySlope = 0.05
        }
        guard let model = try? Model(image: synth(.stripes, width: 64, height: 48, seed: 1), name: "calibration",
                                     settings: s, seed: 1) else { return 1e9 }
        var trainer = Trainer(model: model)
        var marks: [(wall: Double, cpu: Double)] = []
        trainer.progress = { _ in marks.append((monotonicSeconds(), processCPUSeconds())) }
        var rng = RandomSource(seed: 1)
        _ = try? trainer.train(using: &rng)
        guard marks.count == 5 else { return 1e9 }
        // An iteration takes its wall time on an idle machine. On a shared one the wall time
        // includes waiting for the cores, but the CPU time spread over our threads does not:
        // so each iteration counts at the smaller of the two, and the fastest of iterations
        // 2...5 sets the speed. The estimate is then the idle machine's time; the progress
        // line's time left follows the speed actually seen.
        let threads = Double(Threads.count)
        let fastest = zip(marks.dropFirst(), marks).map { min($0.wall - $1.wall, ($0.cpu - $1.cpu) / threads) }.min() ?? 0
        guard fastest > 0 else { return 1e9 }
        return model.iterationFLOPs(atScale: 0) / fastest
    }

    public static var defaultCacheFile: String? {
        let environment = ProcessInfo.processInfo.environment
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return xdg + "/sgs/engine-speed.json" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.cache/sgs/engine-speed.json" }
        return nil
    }

    /// The CPU's model name and the thread count: a speed holds for this pair.
    static var machineKey: String {
        let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let name = info.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } ?? "cpu"
        return "\(name), \(Threads.count) threads"
    }

    static func readCache(_ path: String) -> [String: Double]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode([String: Double].self, from: data)
    }

    /// Best effort: a cache that cannot be written only means measuring again next time.
    static func writeCache(_ cache: [String: Double], to path: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        guard let data = try? encoder.encode(cache) else { return }
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = path + ".tmp\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else { return }
        _ = rename(temporary, path)
    }
}
