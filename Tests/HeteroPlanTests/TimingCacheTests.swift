import HeteroCost
import HeteroImport
@testable import HeteroPlan
import HeteroPlatform
import TestSupport
import XCTest

/// The refiner's timing cache (`_TimingCache`) times again only the operators a move can change:
/// after every step of a random walk of single, composite and many-operator moves, its timings
/// must equal every operator's timing computed afresh (`PlanProblem.timings`), and the throughput
/// score read through it must equal the score computed without it. Models with fused chains,
/// branches and resident memories on the platforms with residency and fusion.
final class TimingCacheTests: XCTestCase {
    func testCachedTimingsEqualFreshTimingsAlongRandomMoves() throws {
        for (model, platformFile) in [("squeezenet", "meteor-lake.json"), ("inception_v1", "meteor-lake.json"),
                                      ("squeezenet", "versal-vc1902.json"), ("resnet50", "nvdla-full.json")] {
            let platform = try Platform.load(path: Repository.platform(platformFile))
            let graph = try ModelLoader.load(path: Repository.model("light_\(model).onnx"))
            let problem = try PlanProblem(graph: graph, costs: CostEngine(platform: platform).evaluate(graph).table)
            let label = "\(model) on \(platform.name)"
            let capable = (0..<problem.operatorCount).map { problem.costs.capableUnits($0) }
            let priority = Array(0..<problem.operatorCount)
            let objective = ObjectiveScore(problem: problem, objective: .throughput,
                                           reference: try GreedyStrategy().schedule(problem, options: PlanOptions()).schedule)
            var random = SplitMix64(seed: 7)
            var assignment = capable.map { $0[0] }
            var cache = _TimingCache()
            var changedTimings = 0
            for step in 0..<300 {
                var moved: [Int]
                switch step % 10 {
                case 9: moved = (0..<problem.operatorCount / 8).map { _ in Int.random(in: 0..<problem.operatorCount, using: &random) }
                case 5: moved = problem.costs.composites.isEmpty ? [] : problem.costs.composites.randomElement(using: &random)!
                default: moved = [Int.random(in: 0..<problem.operatorCount, using: &random)]
                }
                let before = problem.timings(assignment)
                if step % 10 == 5, let first = moved.first {
                    let unit = capable[first].randomElement(using: &random)!
                    for op in moved where capable[op].contains(unit) { assignment[op] = unit }
                } else {
                    for op in moved { assignment[op] = capable[op].randomElement(using: &random)! }
                }
                let fresh = problem.timings(assignment)
                if fresh != before { changedTimings += 1 }
                let cached = cache.timings(problem, assignment)
                XCTAssertEqual(fresh.indices.filter { cached[$0] != fresh[$0] }, [], "operators timed stale: \(label), step \(step)")
                if step % 25 == 0 {
                    XCTAssertEqual(objective.score(assignment: assignment, priority: priority, timings: &cache),
                                   objective.score(assignment: assignment, priority: priority), "\(label), step \(step)")
                }
            }
            // The walk changed timings (the cache had something to bring up to date).
            XCTAssertGreaterThan(changedTimings, 100, label)
        }
    }
}
