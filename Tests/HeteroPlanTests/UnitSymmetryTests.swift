import HeteroBench
import HeteroCost
import HeteroImport
import HeteroIR
@testable import HeteroPlan
import HeteroPlatform
import HeteroRecords
import TestSupport
import XCTest

/// Interchangeable units (`UnitSymmetry`): an array's tiles are one class, swapping two of them
/// in any assignment keeps the schedule's times, and the search moves to one idle tile per class.
final class UnitSymmetryTests: XCTestCase {
    private func tileProblem(tiles: Int) throws -> PlanProblem {
        let platform = try Platform.decode(jsonText: TileArrayPlatform.json(tiles: tiles), file: "tiles.json")
        let graph = try ModelLoader.load(path: Repository.model("light_squeezenet.onnx"))
        return try PlanProblem(graph: graph, costs: CostEngine(platform: platform).evaluate(graph).table)
    }

    func testTilesAreOneClassAndTheCPUAnother() throws {
        let problem = try tileProblem(tiles: 6)
        let symmetry = UnitSymmetry(problem.costs)
        XCTAssertEqual(symmetry.classOf, [0, 1, 1, 1, 1, 1, 1])
        XCTAssertEqual(symmetry.classSizes, [1, 6])
        // The classic model's units each have their own costs: no classes, targets unchanged.
        let units = ["u0", "u1", "u2"]
        let graph = try RandomTaskGraph(tasks: 12, units: units).generate(seed: 3)
        let classic = UnitSymmetry(ClassicCosts.table(graph, units: units, bandwidthBytesPerUS: 1000))
        XCTAssertFalse(classic.hasClasses)
        XCTAssertEqual(classic.moveTargets([0, 1, 2], [0, 0, 0]), [0, 1, 2])
    }

    func testSwappingTwoTilesKeepsEveryTime() throws {
        let problem = try tileProblem(tiles: 6)
        var random = SeededGenerator(seed: 11)
        let priority = Ranks.order(byDecreasing: Ranks.upward(problem))
        for trial in 0..<8 {
            // Operators on the CPU and tiles 1-3; tiles 4-6 idle.
            let assignment = (0..<problem.operatorCount).map { op in
                let capable = problem.costs.capableUnits(op).filter { $0 <= 3 }
                return capable[Int.random(in: 0..<capable.count, using: &random)]
            }
            let swapped = assignment.map { $0 == 2 ? 5 : $0 }
            let builder = ScheduleBuilder(problem: problem, insertion: false)
            let a = builder.build(assignment: assignment, priority: priority)
            let b = builder.build(assignment: swapped, priority: priority)
            XCTAssertEqual(a.makespanUS, b.makespanUS, "trial \(trial)")
            XCTAssertEqual(a.operators.map(\.startUS), b.operators.map(\.startUS), "trial \(trial)")
        }
    }

    func testMovesGoToUsedUnitsAndOneIdleTilePerClass() throws {
        let problem = try tileProblem(tiles: 6)
        let symmetry = UnitSymmetry(problem.costs)
        let conv = try XCTUnwrap(problem.graph.operators.firstIndex { $0.type == "Conv" })
        XCTAssertEqual(problem.costs.capableUnits(conv), Array(0...6))
        var assignment = [Int](repeating: 0, count: problem.operatorCount)
        XCTAssertEqual(symmetry.moveTargets(problem.costs.capableUnits(conv), assignment), [0, 1], "the CPU and the first idle tile")
        assignment[0] = 3
        assignment[1] = 5
        XCTAssertEqual(symmetry.moveTargets(problem.costs.capableUnits(conv), assignment), [0, 1, 3, 5])
    }

    func testPlansOnSixteenTilesAreDeterministic() throws {
        let problem = try tileProblem(tiles: 16)
        var options = PlanOptions()
        options.evaluationBudget = 400
        let first = try OptimizeStrategy().schedule(problem, options: options).schedule
        let second = try OptimizeStrategy().schedule(problem, options: options).schedule
        XCTAssertEqual(first.assignment, second.assignment)
        XCTAssertEqual(first.operators.map(\.startUS), second.operators.map(\.startUS))
        XCTAssertEqual(first.makespanUS, second.makespanUS)
        // Not worse than the seeds it starts from.
        let heft = try HEFTStrategy().schedule(problem, options: options).schedule
        XCTAssertLessThanOrEqual(first.makespanUS, heft.makespanUS + 1e-9)
    }
}
