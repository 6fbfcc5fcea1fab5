import HeteroBench
import HeteroCost
import HeteroImport
@testable import HeteroPlan
import HeteroPlatform
import HeteroRecords
import TestSupport
import XCTest

/// HEFT and PEFT try one idle unit per class of interchangeable units
/// (`UnitSymmetry.PlacementTargets`): their schedules are the ones a scan of every unit gives, on
/// tile arrays (where it saves the scan of hundreds of idle tiles) and on the classic model.
final class PlacementTargetsTests: XCTestCase {
    private func problems() throws -> [(String, PlanProblem)] {
        let graph = try ModelLoader.load(path: Repository.model("light_squeezenet.onnx"))
        var result: [(String, PlanProblem)] = []
        for tiles in [6, 16] {
            let platform = try Platform.decode(jsonText: TileArrayPlatform.json(tiles: tiles), file: "tiles.json")
            result.append(("\(tiles) tiles", try PlanProblem(graph: graph, costs: CostEngine(platform: platform).evaluate(graph).table)))
        }
        let versal = try Platform.decode(jsonText: TileArrayFixture.text(rows: 2, columns: 4), file: "versal.json")
        result.append(("vc1902 2 x 4", try PlanProblem(graph: graph, costs: CostEngine(platform: versal).evaluate(graph).table)))
        let units = ["u0", "u1", "u2"]
        let classic = try RandomTaskGraph(tasks: 40, units: units).generate(seed: 5)
        result.append(("classic", try PlanProblem(graph: classic, costs: ClassicCosts.table(classic, units: units, bandwidthBytesPerUS: 1000))))
        return result
    }

    /// HEFT's rule over every unit (the reference).
    private func everyUnitHEFT(_ problem: PlanProblem, priority: [Int]) -> Schedule {
        ScheduleBuilder(problem: problem, insertion: true).buildDynamic(priority: priority) { state, op, assignment in
            var best = -1
            var bestFinish = Double.infinity
            for unit in 0..<problem.unitCount {
                let finish = state.earliestFinish(op, on: unit, assignment: assignment)
                if finish < bestFinish { best = unit; bestFinish = finish }
            }
            return best
        }
    }

    /// PEFT's rule over every unit (the reference), in PEFT's own order.
    private func everyUnitPEFT(_ problem: PlanProblem) -> Schedule {
        let table = Ranks.optimisticCostTable(problem)
        return ScheduleBuilder(problem: problem, insertion: true).buildDynamic(priority: PEFTStrategy.priority(problem, table: table)) { state, op, assignment in
            var best = -1
            var bestScore = Double.infinity
            for unit in 0..<problem.unitCount {
                let finish = state.earliestFinish(op, on: unit, assignment: assignment)
                guard finish.isFinite else { continue }
                let score = finish + table[op][unit]
                if score < bestScore { best = unit; bestScore = score }
            }
            return best
        }
    }

    func testHEFTAndPEFTMatchTheScanOfEveryUnit() throws {
        for (name, problem) in try problems() {
            let priority = Ranks.order(byDecreasing: Ranks.upward(problem))
            XCTAssertEqual(HEFTStrategy.schedule(problem, priority: priority), everyUnitHEFT(problem, priority: priority), name)
            let peft = try PEFTStrategy().schedule(problem, options: PlanOptions()).schedule
            XCTAssertEqual(peft, everyUnitPEFT(problem), name)
            // Randomised priorities (the elite stage's decoder) too.
            var random = SeededGenerator(seed: 7)
            for _ in 0..<3 {
                let noisy = Ranks.order(byDecreasing: Ranks.upward(problem).map { $0 * Double.random(in: 0.8...1.2, using: &random) })
                XCTAssertEqual(HEFTStrategy.schedule(problem, priority: noisy), everyUnitHEFT(problem, priority: noisy), name)
            }
        }
    }

    func testTargetsAreTheUsedUnitsAndOneIdleUnitPerClass() throws {
        let (_, problem) = try XCTUnwrap(problems().first)  // a CPU and 6 tiles
        var targets = UnitSymmetry.PlacementTargets(UnitSymmetry(problem.costs))
        XCTAssertEqual(targets.units, [0, 1])
        targets.use(1)
        XCTAssertEqual(targets.units, [0, 1, 2])
        targets.use(0)
        targets.use(2)
        XCTAssertEqual(targets.units, [0, 1, 2, 3])
    }
}
