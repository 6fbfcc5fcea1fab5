import ArgumentParser
import HeteroBench

/// `hetero-plan benchmark contention`: for every bundled model on every shipped platform, how
/// close the optimizer's contention-aware prediction is to the simulator with contention on, and
/// whether modelling contention gives better plans than planning for an ideal interconnect (the
/// same optimizer on the platform with contention switched off), both simulated with contention
/// on. The blind plan simulated with contention off must equal its prediction exactly.
struct ContentionBenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contention",
        abstract: "Contention-aware against contention-blind optimize plans, simulated with contention on; nine models x every platform."
    )

    @Option(help: "Directory of ONNX models.")
    var models: String = "Models"

    @Option(help: "Directory of platform files (examples/ is skipped).")
    var platforms: String = "Platforms"

    @Option(help: "Directory for contention-benchmark.json and .md.")
    var output: String = "Results"

    @Option(help: "Refinement budget per plan in schedule evaluations (default: the planner's own).")
    var evaluations: Int?

    func run() throws {
        try ContentionBenchmark(models: models, platforms: platforms, output: output, evaluations: evaluations).run()
    }
}
