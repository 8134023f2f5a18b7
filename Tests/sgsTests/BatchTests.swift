// `sgs batch` and `sgs report` through the real binary, with our own job pool (GNU
// parallel and Slurm are exercised by scripts/test-batch.sh and scripts/test-slurm.sh,
// which install them), plus the pure parts: option parsing, the score line, the Slurm
// job script.
@testable import sgs
import Foundation
import XCTest

final class BatchBinaryTests: XCTestCase {
    private var folder: TemporaryFolder!

    override func setUpWithError() throws {
        folder = try TemporaryFolder()
    }

    /// Two tiny trainings and a corrupt input, two at a time: the corrupt one fails
    /// alone, a rerun skips what is done, the report has all three.
    func testABatchRunsEveryInputAndAFailureStaysAlone() throws {
        let made = try runSGS(["-q", "-c", "seed 1; save (synth landscape size 32x24) \"a.png\"; save (synth blobs size 32x24) \"b.png\""],
                              in: folder)
        XCTAssertEqual(made.status, 0, made.errors)
        let png = try Data(contentsOf: folder.url.appendingPathComponent("a.png"))
        try png.prefix(100).write(to: folder.url.appendingPathComponent("corrupt.png"))
        _ = try folder.write("tiny.sgs", """
            let out = args[1]
            seed 1
            set channels 4
            set maxchannels 4
            set iters 3
            pyramid (load args[0]) min 16 max 32
            train into "{out}/model.sgm"
            sample 1 into "{out}/sample_{i}.png"
            score count 1
            """)
        let arguments = ["batch", "tiny.sgs", "a.png", "corrupt.png", "b.png", "--out", "runs", "--jobs", "2", "--no-parallel"]
        let first = try runSGS(arguments, in: folder, timeout: 600)
        XCTAssertEqual(first.status, 70, first.output + first.errors)
        XCTAssertTrue(first.output.contains("3 jobs: 2 done, 1 failed"), first.output)
        XCTAssertEqual(try record("a").status, .done)
        XCTAssertEqual(try record("b").status, .done)
        XCTAssertEqual(try record("corrupt").status, .failed)
        XCTAssertEqual(try record("corrupt").exit, 74)
        let log = try String(contentsOf: folder.url.appendingPathComponent("runs/corrupt/log.txt"), encoding: .utf8)
        XCTAssertTrue(log.contains("corrupt or truncated PNG"), log)

        let second = try runSGS(arguments, in: folder, timeout: 600)
        XCTAssertEqual(second.status, 70)
        XCTAssertEqual(second.output.components(separatedBy: "skipped (done before)").count - 1, 2, second.output)
        XCTAssertEqual(try record("a").attempts, 1)
        XCTAssertEqual(try record("corrupt").attempts, 2)

        let report = try runSGS(["report", "runs"], in: folder, timeout: 60)
        XCTAssertEqual(report.status, 0, report.errors)
        let lines = report.output.split(separator: "\n")
        XCTAssertEqual(lines.count, 4, report.output)
        XCTAssertTrue(lines[1].hasPrefix("a "), report.output)
        XCTAssertTrue(lines[1].contains(" done ") && lines[1].contains(" 4/4 "), report.output)
        XCTAssertTrue(lines[2].hasPrefix("corrupt ") && lines[2].contains(" failed "), report.output)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("runs/report.png").path))
        let json = try runSGS(["report", "runs", "--json"], in: folder, timeout: 60)
        let rows = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]]
        XCTAssertEqual(rows?.count, 3)
        XCTAssertNotNil((rows?.first?["score"] as? [String: Any])?["swd"] as? Double)
        XCTAssertEqual((rows?.first?["settings"] as? [String: Any])?["iterations"] as? Int, 3)

        XCTAssertEqual(try runSGS(["batch", "--status", "runs"], in: folder).status, 70)
    }

    /// SIGTERM to `sgs batch` reaches the job's script through the job runner: the
    /// training checkpoints, the job is recorded as stopped, and the next run resumes it.
    func testSIGTERMToTheBatchStopsTheJobAndTheRerunResumes() throws {
        XCTAssertEqual(try runSGS(["-q", "-c", "seed 1; save (synth landscape size 32x24) \"a.png\""], in: folder).status, 0)
        _ = try folder.write("slow.sgs", """
            let out = args[1]
            seed 1
            set channels 4
            set maxchannels 4
            set iters 40
            pyramid (load args[0]) min 16 max 32
            train into "{out}/model.sgm"
            """)
        let arguments = ["batch", "slow.sgs", "a.png", "--out", "runs", "--no-parallel"]
        let batch = try Running(arguments, in: folder)
        let checkpoint = folder.url.appendingPathComponent("runs/a/model.sgm").path
        let deadline = Date().addingTimeInterval(300)
        while !FileManager.default.fileExists(atPath: checkpoint) && batch.process.isRunning && Date() < deadline {
            usleep(2_000)
        }
        batch.process.terminate()
        XCTAssertEqual(batch.wait(timeout: 60), 143)
        XCTAssertEqual(try record("a").status, .stopped)
        XCTAssertEqual(try record("a").exit, 143)
        let rerun = try runSGS(arguments, in: folder, timeout: 600)
        XCTAssertEqual(rerun.status, 0, rerun.output)
        XCTAssertEqual(try record("a").attempts, 2)
        let log = try String(contentsOf: folder.url.appendingPathComponent("runs/a/log.txt"), encoding: .utf8)
        XCTAssertTrue(log.contains("interrupted at scale") && log.contains("resuming from"), log)
    }

    func testUsageErrorsAndAMissingBatch() throws {
        XCTAssertEqual(try runSGS(["batch", "x.sgs", "--out", "runs"], in: folder).status, 64)
        XCTAssertEqual(try runSGS(["batch", "x.sgs", "a.png"], in: folder).status, 64)
        let missing = try runSGS(["batch", "x.sgs", "a.png", "--out", "runs"], in: folder)
        XCTAssertEqual(missing.status, 74)
        XCTAssertTrue(missing.errors.contains("x.sgs: no such file"), missing.errors)
        let status = try runSGS(["batch", "--status", "nowhere"], in: folder)
        XCTAssertEqual(status.status, 74)
        XCTAssertTrue(status.errors.contains("no batch here"), status.errors)
    }

    private func record(_ job: String) throws -> RunRecord {
        let path = folder.url.appendingPathComponent("runs/\(job)").path
        return try XCTUnwrap(RunRecord.read(from: path), "no run.json in \(path)")
    }
}

final class BatchUnitTests: XCTestCase {
    func testOptions() throws {
        let options = try BatchOptions.parse(["s.sgs", "--jobs", "2", "a.png", "b.png", "--out", "runs", "--sshlogin", "2/host"])
        XCTAssertEqual(options.script, "s.sgs")
        XCTAssertEqual(options.inputs, ["a.png", "b.png"])
        XCTAssertEqual(options.jobs, 2)
        XCTAssertEqual(options.sshLogins, ["2/host"])
        XCTAssertEqual(try BatchOptions.parse(["--status", "runs"]).action, .status)
        XCTAssertEqual(try BatchOptions.parse(["--job", "runs", "3"]).action, .job(3))
        let slurm = try BatchOptions.parse(["s.sgs", "a.png", "--out", "r", "--slurm", "--time", "1-02:00:00", "--cpus", "4"])
        XCTAssertEqual(slurm.time, "1-02:00:00")
        for bad in [["s.sgs", "a.png"], ["s.sgs", "--out", "r"], ["s.sgs", "a.png", "--out", "r", "--jobs", "0"],
                    ["s.sgs", "a.png", "--out", "r", "--slurm", "--time", "soon"], ["s.sgs", "a.png", "--out", "r", "--dry-run"],
                    ["s.sgs", "a.png", "--out", "r", "--bogus"], ["--status"]] {
            XCTAssertThrowsError(try BatchOptions.parse(bad), "\(bad)")
        }
    }

    func testFolderNamesAreUnique() {
        let plan = BatchPlan(script: "s.sgs", inputs: ["x/a.png", "y/a.png", "b.png", "a"], threads: nil, seed: nil)
        XCTAssertEqual(plan.names, ["a", "a-2", "b", "a-3"])
        XCTAssertTrue(plan.inputs.allSatisfy { $0.hasPrefix("/") })
    }

    func testTheScoreLineIsReadBack() throws {
        let folder = try TemporaryFolder()
        let log = try folder.write("log.txt", """
            SWD 9 (levels fine to coarse: 9 9), diversity 9, 1 sample
            scale 0 trained
            SWD 0.372 (levels fine to coarse: 0.1 0.2), diversity 0.3458, reconstruction RMSE 0.1594, 2 samples
            """)
        let score = Report.lastScore(inLog: log.path)
        XCTAssertEqual(score?.swd, 0.372)
        XCTAssertEqual(score?.diversity, 0.3458)
        XCTAssertEqual(score?.reconstructionRMSE, 0.1594)
    }

    func testTheSlurmScriptRequeuesAndPassesTheSignalOn() throws {
        let options = try BatchOptions.parse(["s.sgs", "a.png", "b.png", "--out", "/r", "--slurm", "--cpus", "2", "--time", "30"])
        let plan = BatchPlan(script: "/s.sgs", inputs: ["/a.png", "/b.png"], threads: 2, seed: nil)
        let script = SlurmSubmission(options: options, plan: plan, folder: "/r").script()
        for line in ["#SBATCH --array=0-1", "#SBATCH --time=30", "#SBATCH --cpus-per-task=2", "#SBATCH --requeue",
                     "#SBATCH --signal=B:TERM@60", "batch --job /r \"$SLURM_ARRAY_TASK_ID\" &",
                     "trap 'kill -TERM \"$child\" 2>/dev/null' TERM",
                     "scontrol requeue \"${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\""] {
            XCTAssertTrue(script.contains(line), "missing \(line) in\n\(script)")
        }
    }
}
