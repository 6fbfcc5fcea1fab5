import Foundation
import HeteroCost
import HeteroImport
import HeteroIR
@testable import HeteroPlan
import HeteroPlatform
import HeteroRecords
import TestSupport
import XCTest

/// What planning computes once and reuses must equal what computing it again gives: the
/// refiner's score memo, `optimize`'s HEFT and PEFT seeds (which the pipeline compares the plan
/// with after the residency stage), one view folding for every eviction set, and the list
/// scheduler's copy tables sized by the tensors edges carry.
final class PlanningReuseTests: XCTestCase {
    func testScoreMemoReturnsTheFirstScoreAndForgetsWhenFull() {
        var memo = _ScoreMemo()
        var calls = 0
        func score(_ assignment: [Int], _ priority: [Int], _ value: Double) -> Double {
            memo.score(assignment, priority) {
                calls += 1
                return value
            }
        }
        XCTAssertEqual(score([0, 1], [0, 1], 5), 5)
        XCTAssertEqual(score([0, 1], [0, 1], 7), 5, "a repeated pair is not evaluated again")
        XCTAssertEqual(calls, 1)
        XCTAssertEqual(score([0, 1], [1, 0], 6), 6, "another priority order is another pair")
        XCTAssertEqual(score([1, 1], [0, 1], 8), 8, "another assignment is another pair")
        XCTAssertEqual(calls, 3)
        for index in 0..<_ScoreMemo.capacity { _ = score([index], [], 1) }
        XCTAssertEqual(score([0, 1], [0, 1], 9), 9, "a full memo forgets what it held")
    }

    /// `optimize`'s seeds handed back for the pipeline are the HEFT and PEFT plans of the problem
    /// it was given, with contention (the contended search's seeds) and without.
    func testOptimizeHandsBackTheHEFTAndPEFTPlansOfItsProblem() throws {
        let platform = try Platform.load(path: Repository.platform("meteor-lake.json"))
        let graph = try ModelLoader.load(path: Repository.model("light_squeezenet.onnx"))
        var costs = try CostEngine(platform: platform).evaluate(graph).table
        var options = PlanOptions()
        options.evaluationBudget = 200
        options.eliteStarts = 0
        for contention in [true, false] {
            costs.contention = contention
            let problem = try PlanProblem(graph: graph, costs: costs)
            let result = try OptimizeStrategy().schedule(problem, options: options)
            XCTAssertEqual(Set(result.baselines.keys), Set(PlanPipeline.baselines.map(\.name)))
            for baseline in PlanPipeline.baselines {
                XCTAssertEqual(result.baselines[baseline.name], try baseline.schedule(problem, options: PlanOptions()).schedule,
                               "\(baseline.name), contention \(contention)")
            }
        }
    }

    /// conv -> relu -> 6 Identity -> conv -> add(relu), as a JSON graph.
    func viewChainProblem() throws -> PlanProblem {
        var operators = [#"{"name": "conv1", "type": "Conv", "inputs": ["x", "w1"], "outputs": ["c1"], "attributes": {"pads": [1, 1, 1, 1]}}"#,
                         #"{"name": "relu1", "type": "Relu", "inputs": ["c1"], "outputs": ["r1"]}"#]
        var previous = "r1"
        for index in 0..<6 {
            operators.append(#"{"name": "v\#(index)", "type": "Identity", "inputs": ["\#(previous)"], "outputs": ["v\#(index)"]}"#)
            previous = "v\(index)"
        }
        operators += [#"{"name": "conv2", "type": "Conv", "inputs": ["\#(previous)", "w2"], "outputs": ["c2"], "attributes": {"pads": [1, 1, 1, 1]}}"#,
                      #"{"name": "add", "type": "Add", "inputs": ["c2", "r1"], "outputs": ["y"]}"#]
        let text = """
            {"format": "hetero-plan/graph@1", "name": "views",
             "inputs": [{"name": "x", "shape": [1, 16, 64, 64], "type": "float32"}],
             "constants": [{"name": "w1", "shape": [16, 16, 3, 3]}, {"name": "w2", "shape": [16, 16, 3, 3]}],
             "operators": [\(operators.joined(separator: ",\n"))],
             "outputs": ["y"]}
            """
        let directory = try makeTemporaryDirectory()
        let graph = try ModelLoader.load(path: directory.write("views.json", text))
        let platform = try Platform.load(path: Repository.platform("onnc-cpu-dsp-dla.json"))
        return try PlanProblem(graph: graph, costs: CostEngine(platform: platform).evaluate(graph).table)
    }

    /// One folding serves every eviction set: it equals folding the problem with those evictions,
    /// and the folded problem's copy tables have a row per carried tensor only.
    func testFoldingForOtherEvictionsEqualsFoldingAgain() throws {
        let problem = try viewChainProblem()
        let folding = try XCTUnwrap(ViewFolding.fold(problem))
        XCTAssertEqual(folding.head.count, 5, "v1...v5 fold into v0")
        var evicted = problem
        evicted.evicted = problem.evicted.indices.map { $0 % 2 == 0 }
        let again = try XCTUnwrap(ViewFolding.fold(evicted))
        let reused = folding.evicting(evicted.evicted)
        XCTAssertEqual(reused.kept, again.kept)
        XCTAssertEqual(reused.head, again.head)
        XCTAssertEqual(reused.original.evicted, evicted.evicted)
        XCTAssertEqual(reused.folded.evicted, again.folded.evicted)
        XCTAssertEqual(try HEFTStrategy().schedule(reused.folded, options: PlanOptions()).schedule,
                       try HEFTStrategy().schedule(again.folded, options: PlanOptions()).schedule)
        // The folded views' outputs stay as tensors no edge carries.
        XCTAssertEqual(folding.folded.graph.tensors.count, problem.graph.tensors.count)
        XCTAssertEqual(folding.folded.carriedTensorCount, Set(folding.folded.edges.map(\.tensor)).count)
        XCTAssertEqual(folding.folded.carriedTensorCount, problem.carriedTensorCount - 5)
        XCTAssertEqual(Set(problem.edges.map(\.slot)), Set(0..<problem.carriedTensorCount))
    }

    /// Searched with its views folded, `optimize` hands back its seeds put back on the whole graph:
    /// the plans HEFT and PEFT make through the same folding.
    func testFoldedSeedsAreTheBaselinesPlansOnTheWholeGraph() throws {
        let problem = try viewChainProblem()
        var options = PlanOptions()
        options.evaluationBudget = 200
        let result = try ViewFolding.schedule(OptimizeStrategy(), problem, options: options)
        for baseline in PlanPipeline.baselines {
            let planned = try ViewFolding.schedule(baseline, problem, options: options).schedule
            XCTAssertEqual(planned.operators.count, problem.operatorCount)
            XCTAssertEqual(result.baselines[baseline.name], planned, baseline.name)
        }
    }
}
