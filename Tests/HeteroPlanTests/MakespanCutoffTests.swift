import HeteroCost
import HeteroImport
@testable import HeteroPlan
import HeteroPlatform
import TestSupport
import XCTest

/// `ScheduleBuilder.makespan(assignment:priority:below:)`, which stops a list schedule once it
/// cannot finish below a cutoff, and the home-unit seed that scores each unit's plan with it: the
/// figures must be the full schedules' figures, and the seed the one the full schedules pick.
final class MakespanCutoffTests: XCTestCase {
    private func problem(_ model: String, _ platform: String) throws -> PlanProblem {
        let platform = try Platform.load(path: Repository.platform(platform))
        let graph = try ModelLoader.load(path: Repository.model(model))
        return try PlanProblem(graph: graph, costs: CostEngine(platform: platform).evaluate(graph).table)
    }

    func testBelowTheCutoffItIsTheFullScheduleMakespanAndNilFromIt() throws {
        for (model, platform) in [("light_squeezenet.onnx", "versal-vc1902.json"), ("light_shufflenet.onnx", "meteor-lake.json")] {
            let problem = try problem(model, platform)
            let builder = ScheduleBuilder(problem: problem)
            let priority = Ranks.order(byDecreasing: Ranks.upward(problem))
            var random = SplitMix64(seed: 7)
            for _ in 0..<6 {
                let assignment = (0..<problem.operatorCount).map { op in
                    let units = (0..<problem.unitCount).filter { problem.exec(op, $0) != nil }
                    return units[Int(random.next() % UInt64(units.count))]
                }
                let full = builder.build(assignment: assignment, priority: priority).makespanUS
                XCTAssertEqual(builder.makespan(assignment: assignment, priority: priority, below: .infinity), full, "\(model) on \(platform)")
                XCTAssertEqual(builder.makespan(assignment: assignment, priority: priority, below: full * 1.001), full)
                XCTAssertNil(builder.makespan(assignment: assignment, priority: priority, below: full), "a makespan equal to the cutoff is not below it")
                XCTAssertNil(builder.makespan(assignment: assignment, priority: priority, below: full * 0.5))
            }
        }
    }

    func testHomeUnitSeedIsTheFirstUnitWhoseFullHomeScheduleIsShortest() throws {
        for (model, platform) in [("light_shufflenet.onnx", "meteor-lake.json"), ("light_squeezenet.onnx", "versal-vc1902.json"),
                                  ("light_resnet50.onnx", "nvdla-full.json")] {
            let problem = try problem(model, platform)
            let strategy = OptimizeStrategy()
            let builder = ScheduleBuilder(problem: problem)
            let priority = Ranks.order(byDecreasing: Ranks.upward(problem))
            let schedules = (0..<problem.unitCount).map {
                builder.build(assignment: strategy.homeAssignment($0, problem), priority: priority)
            }
            let shortest = schedules.map(\.makespanUS).min()!
            let first = schedules.firstIndex { $0.makespanUS == shortest }!
            let home = try XCTUnwrap(strategy.homeUnitSeed(problem))
            XCTAssertEqual(home.name, "home \(problem.costs.unitNames[first])", "\(model) on \(platform)")
            XCTAssertEqual(home.schedule, schedules[first])
        }
    }
}
