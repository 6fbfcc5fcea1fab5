import ArgumentParser
import HeteroBench

/// `hetero-plan benchmark classic`: random task graphs in the classic model, every strategy on
/// the same instances in the same run; HEFT is the baseline the ratios are against.
struct ClassicBenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classic",
        abstract: "Compare optimize with HEFT, PEFT and ilp-exact on random classic-model task graphs."
    )

    @Option(help: "Instances per size.")
    var instances: Int = 10

    @Option(parsing: .upToNextOption, help: "Task counts.")
    var sizes: [Int] = [10, 12, 20, 30, 40]

    @Option(help: "Directory for classic-benchmark.json and .md.")
    var output: String = "Results"

    @Option(help: "Communication-to-computation ratio of the generated graphs.")
    var ccr: Double = 1

    @Option(help: "A wall-clock cap on the optimizer per instance (seconds); default none, every limit counted in work.")
    var timeLimit: Double?

    @Option(name: .customLong("report-from"), help: "Only rewrite the report from a classic-benchmark.json of an earlier run.")
    var reportFrom: String?

    @Option(name: .customLong("write-instances"), help: "Also write every instance as a task-graph JSON file into this directory.")
    var instanceDirectory: String?

    @Option(help: "Units of the generated instances, named u0, u1, ... (plan them on Platforms/examples/classic-<N>unit.json).")
    var units: Int = 3

    @Flag(name: .customLong("write-only"), help: "Only write the instances (needs --write-instances); plan nothing.")
    var writeOnly = false

    func validate() throws {
        guard units >= 1 else { throw ValidationError("--units must be at least 1 (got \(units)).") }
        guard !writeOnly || instanceDirectory != nil else { throw ValidationError("--write-only needs --write-instances DIR.") }
    }

    func run() throws {
        try ClassicBenchmark(instances: instances, sizes: sizes, output: output, ccr: ccr, timeLimit: timeLimit, reportFrom: reportFrom, instanceDirectory: instanceDirectory,
                            unitCount: units, writeOnly: writeOnly).run()
    }
}
