import Foundation
import HeteroCost
import HeteroImport
import HeteroPlan
import HeteroPlatform
import HeteroRecords
import XCTest

/// The steady-state interval of a stream of inferences can never exceed the makespan of one:
/// inferences run back to back achieve the makespan.
final class IntervalTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let models = ["light_bvlc_alexnet", "light_densenet121", "light_inception_v1", "light_inception_v2", "light_resnet50",
                         "light_shufflenet", "light_squeezenet", "light_vgg19", "light_zfnet512"]

    func testIntervalNeverExceedsMakespanOnTheNineModelsAndEveryPlatform() throws {
        let platforms = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Platforms").path)
            .filter { $0.hasSuffix(".json") && !$0.hasSuffix(".schema.json") }.sorted()
        XCTAssertEqual(platforms.count, 6)
        var worst = (ratio: 0.0, label: "")
        for platformFile in platforms {
            let platform = try Platform.load(path: Self.root.appendingPathComponent("Platforms/\(platformFile)").path)
            for model in Self.models {
                let graph = try ModelLoader.load(path: Self.root.appendingPathComponent("Models/\(model).onnx").path)
                let problem = try PlanProblem(graph: graph, costs: CostEngine(platform: platform).evaluate(graph).table)
                for strategy in [HEFTStrategy(), GreedyStrategy()] as [any PlanningStrategy] {
                    let schedule = try strategy.schedule(problem, options: PlanOptions()).schedule
                    let metrics = PlanMetrics(problem, schedule)
                    let label = "\(model) on \(platform.name) (\(strategy.name))"
                    XCTAssertLessThanOrEqual(metrics.intervalUS, schedule.makespanUS * (1 + 1e-9), label)
                    if metrics.intervalUS / schedule.makespanUS > worst.ratio { worst = (metrics.intervalUS / schedule.makespanUS, label) }
                }
            }
        }
        print("largest interval / makespan: \(worst.ratio) (\(worst.label))")
    }
}
