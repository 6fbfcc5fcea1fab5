import ArgumentParser
import HeteroBench

/// `hetero-plan benchmark simulate`: simulator throughput (events per second on one core, on a
/// large random task graph) and the time to simulate a ResNet-50 plan.
struct SimulateBenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Measure simulator events per second and the time to simulate a ResNet-50 plan."
    )

    @Option(help: "The ResNet-50 model.")
    var model: String = "Models/light_resnet50.onnx"

    @Option(help: "The platform the ResNet-50 plan is made for.")
    var platform: String = "Platforms/onnc-cpu-dsp-dla.json"

    @Option(help: "Strategy planning ResNet-50.")
    var strategy: StrategyName = .heft

    @Option(help: "Tasks in the random task graph used for events per second.")
    var tasks: Int = 10_000

    @Option(help: "Timed repetitions (the median is reported).")
    var repetitions: Int = 7

    @Option(help: "Directory for simulate-benchmark.json and .md.")
    var output: String = "Results"

    func run() throws {
        try SimulateBenchmark(model: model, platform: platform, strategy: strategy.strategy, tasks: tasks, repetitions: repetitions, output: output).run()
    }
}
