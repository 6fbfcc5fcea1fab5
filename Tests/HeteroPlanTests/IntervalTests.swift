import Foundation
import HeteroCost
import HeteroImport
import HeteroPlan
import HeteroPlatform
import HeteroRecords
import TestSupport
import XCTest

/// The steady-state interval of a stream of inferences can never exceed the makespan of one:
/// inferences run back to back achieve the makespan.
final class IntervalTests: XCTestCase {
    func testIntervalNeverExceedsMakespanOnTheNineModelsAndEveryPlatform() throws {
        let platforms = try Repository.chipPlatformFiles()
        XCTAssertEqual(platforms.count, 6)
        var worst = (ratio: 0.0, label: "")
        for platformFile in platforms {
            let platform = try Platform.load(path: Repository.platform(platformFile))
            for model in Repository.modelNames {
                let graph = try ModelLoader.load(path: Repository.model(model + ".onnx"))
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
