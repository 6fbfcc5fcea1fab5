import ArgumentParser
import HeteroBench

/// `hetero-plan benchmark fidelity`: predictions against the published figures of the shipped
/// platforms (`Platforms/published/figures.json`).
struct FidelityBenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fidelity",
        abstract: "Compare predicted makespans with published figures for the shipped platforms (Results/fidelity.md)."
    )

    @Option(help: "The published figures (hetero-plan/published-figures@1).")
    var figures: String = "Platforms/published/figures.json"

    @Option(help: "Directory of ONNX models.")
    var models: String = "Models"

    @Option(help: "Directory of platform files.")
    var platforms: String = "Platforms"

    @Option(help: "Directory for fidelity.json and .md.")
    var output: String = "Results"

    func run() throws {
        try FidelityBenchmark(figures: figures, models: models, platforms: platforms, output: output).run()
    }
}
