import HeteroBench
import HeteroPlan
import HeteroPlatform
import HeteroSupport
import XCTest

/// Planning progress: stage names and evaluation counts as lines, and the same plan bytes with
/// or without it.
final class PlanProgressTests: XCTestCase {
    private final class Lines: @unchecked Sendable {  // `lines` is guarded by `lock`
        private let lock = NSLock()
        private var lines: [String] = []
        func append(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    func testProgressReportsStagesAndEvaluationsAndLeavesThePlanAlone() throws {
        let platform = try Platform.decode(jsonText: TileArrayPlatform.json(tiles: 4), file: "tiles.json")
        // A task graph with its own costs: small enough to plan quickly in a debug build.
        let graph = try RandomTaskGraph(tasks: 40, units: ["cpu"] + (0..<4).map { "tile\($0)" }).generate(seed: 5)
        var options = PlanOptions()
        options.evaluationBudget = 1100
        options.exactThreshold = 0  // no MILP: the test is about the search's reports
        options.ilpMaxUnits = 1
        func plan(_ progress: PlanProgress) throws -> String {
            let outcome = try PlanProgress.$current.withValue(progress) {
                try PlanPipeline.run(graph: graph, platform: platform, strategy: OptimizeStrategy(), options: options)
            }
            return try JSONOutput.encode(outcome.document)
        }
        let lines = Lines()
        let quiet = Lines()
        let reported = try plan(PlanProgress(delay: 0, interval: 0) { lines.append($0) })
        // A run shorter than the delay says nothing; the plan is the same bytes either way.
        XCTAssertEqual(reported, try plan(PlanProgress(delay: 3600) { quiet.append($0) }), "progress must not change the plan")
        XCTAssertEqual(quiet.all, [])
        let text = lines.all
        XCTAssertTrue(text.contains { $0.hasPrefix("planning: cost table (") }, "\(text)")
        XCTAssertTrue(text.contains { $0.hasPrefix("planning: refinement (") }, "\(text)")
        XCTAssertTrue(text.contains { $0.hasPrefix("planning: refinement, 1024 evaluations (budget 1100)") }, "\(text)")
        XCTAssertTrue(text.allSatisfy { $0.hasSuffix(" s)\n") }, "\(text)")
    }
}
