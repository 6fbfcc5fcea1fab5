import ArgumentParser
import HeteroBench

/// `hetero-plan benchmark import`: time to import each model, against protobuf decoding alone
/// (the baseline, measured in the same run so the ratio survives a noisy shared machine).
struct ImportBenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Time ONNX import (decode, fold, infer shapes, validate) per model."
    )

    @Argument(help: "ONNX models to import (default: every .onnx file in Models/).")
    var models: [String] = []

    @Option(help: "Timed repetitions per model; the median is reported.")
    var repetitions: Int = 15

    @Option(help: "Directory for import-benchmark.json and .md.")
    var output: String = "Results"

    func run() throws {
        try ImportBenchmark(models: models, repetitions: repetitions, output: output).run()
    }
}
