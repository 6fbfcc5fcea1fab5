import ArgumentParser
import HeteroBench

/// `hetero-plan benchmark residency`: optimize's residency stage against all-DRAM and next-use
/// eviction on the nine models x every shipped platform.
struct ResidencyBenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "residency",
        abstract: "Compare residency policies (dram, next-use, optimize) on the nine models x every platform (Results/residency-benchmark.md)."
    )

    @Option(help: "Directory of ONNX models.")
    var models: String = "Models"

    @Option(help: "Directory of platform files (subdirectories are skipped).")
    var platforms: String = "Platforms"

    @Option(help: "Directory for residency-benchmark.json and .md.")
    var output: String = "Results"

    func run() throws {
        try ResidencyBenchmark(models: models, platforms: platforms, output: output).run()
    }
}
