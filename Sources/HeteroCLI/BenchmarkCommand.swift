import ArgumentParser

/// `hetero-plan benchmark`: performance figures, printed and written under `Results/`.
struct BenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark",
        abstract: "Run a benchmark, print its figures and write them under Results/.",
        subcommands: [ImportBenchmarkCommand.self, ClassicBenchmarkCommand.self, ModelsBenchmarkCommand.self, SimulateBenchmarkCommand.self,
                      ContentionBenchmarkCommand.self, FidelityBenchmarkCommand.self, ResidencyBenchmarkCommand.self,
                      ScalingBenchmarkCommand.self]
    )
}
