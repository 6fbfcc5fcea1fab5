import ArgumentParser
import Foundation
import HeteroBench
import HeteroSupport

/// `hetero-plan benchmark scaling`: planning time per stage against the number of identical
/// accelerator tiles (Results/scaling.md).
struct ScalingBenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scaling",
        abstract: "Measure planning time per stage against unit count (a CPU plus N identical tiles; Results/scaling.md)."
    )

    @Option(parsing: .upToNextOption, help: "ONNX models to plan.")
    var models: [String] = ["Models/light_squeezenet.onnx", "Models/light_resnet50.onnx"]

    @Option(parsing: .upToNextOption, help: "Tile counts (the platform has one more unit, the CPU).")
    var tiles: [Int] = [4, 16, 64, 400, 2000]

    @Option(help: "CPU seconds (user + system, all threads; whole seconds, rounded up) a case may use before it is stopped.")
    var cap: Double = 300

    @Option(help: "Directory for scaling.json and .md.")
    var output: String = "Results"

    @Option(help: ArgumentHelp("Another build's hetero-plan, run on every case before this one; scaling.md then compares them.", valueName: "EXECUTABLE"))
    var baseline: String?

    @Flag(name: .customLong("report-only"), help: "Rewrite scaling.md from the scaling.json in --output without running any case (give the run's --cap and --baseline again: the JSON does not record them).")
    var reportOnly = false

    @Flag(help: .hidden)
    var singleCase = false

    func validate() throws {
        guard tiles.allSatisfy({ $0 >= 1 && $0 <= 4096 }) else { throw ValidationError("--tiles: each count must be 1-4096") }
        guard cap > 0 else { throw ValidationError("--cap must be positive") }
        if singleCase && (models.count != 1 || tiles.count != 1) { throw ValidationError("--single-case takes one model and one tile count") }
    }

    func run() throws {
        if singleCase {
            let row = try ScalingBenchmark.runCase(model: models[0], tiles: tiles[0])
            StandardOutput.line(try JSONOutput.encode(row).replacingOccurrences(of: "\n", with: ""))
            return
        }
        let executable = Bundle.main.executableURL?.path ?? CommandLine.arguments[0]
        if reportOnly {
            try ScalingBenchmark(models: models, tiles: tiles, capSeconds: cap, output: output, executable: executable, baseline: baseline).rewriteReport()
            return
        }
        if let baseline, !FileManager.default.isExecutableFile(atPath: baseline) {
            throw ValidationError("--baseline: \(baseline) is not an executable file")
        }
        try ScalingBenchmark(models: models, tiles: tiles, capSeconds: cap, output: output, executable: executable, baseline: baseline).run()
    }
}
