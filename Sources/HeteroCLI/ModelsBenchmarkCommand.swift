import ArgumentParser
import HeteroBench

/// `hetero-plan benchmark models`: every bundled model on every shipped platform with every
/// baseline and `optimize`, in one run; plus planning-time figures (including a synthetic
/// 5,000-operator graph).
struct ModelsBenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "Compare optimize with cpu-only, fallback, greedy, HEFT and PEFT on the nine models x every platform."
    )

    @Option(help: "Directory of ONNX models.")
    var models: String = "Models"

    @Option(help: "Directory of platform files (examples/ is skipped).")
    var platforms: String = "Platforms"

    @Option(help: "Directory for models-benchmark.json and .md.")
    var output: String = "Results"

    @Option(help: "A wall-clock cap on the optimizer per plan (seconds); default none, every limit counted in work.")
    var timeLimit: Double?

    @Option(name: .customLong("synthetic-operators"), help: "Size of the synthetic graph timed at the end (0 to skip).")
    var syntheticOperators: Int = 5000

    func run() throws {
        try ModelsBenchmark(models: models, platforms: platforms, output: output, timeLimit: timeLimit, syntheticOperators: syntheticOperators).run()
    }
}
