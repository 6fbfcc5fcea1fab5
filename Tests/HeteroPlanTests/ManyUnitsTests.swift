import HeteroBench
import HeteroCost
import HeteroIR
@testable import HeteroPlan
import XCTest

/// The shortcuts that keep planning near-linear in units give the values of the definitions
/// they replace: bit for bit where plans on the shipped platforms depend on it.
final class ManyUnitsTests: XCTestCase {
    private func problem(tasks: Int, units count: Int, seed: UInt64) throws -> PlanProblem {
        let units = (0..<count).map { "u\($0)" }
        let graph = try RandomTaskGraph(tasks: tasks, units: units).generate(seed: seed)
        return try PlanProblem(graph: graph, costs: ClassicCosts.table(graph, units: units, bandwidthBytesPerUS: 1000))
    }

    /// PEFT's table as Arabnejad & Barbosa define it, one (operator, unit) at a time.
    private func definitionOCT(_ problem: PlanProblem) -> [[Double]] {
        let units = problem.unitCount
        var table = [[Double]](repeating: [Double](repeating: 0, count: units), count: problem.operatorCount)
        for op in (0..<problem.operatorCount).reversed() {
            for unit in 0..<units {
                var worst = 0.0
                for edge in problem.outgoing[op] {
                    let mean = problem.meanCommunication(edge)
                    var best = Double.infinity
                    for target in 0..<units {
                        guard let time = problem.exec(edge.consumer, target) else { continue }
                        best = min(best, table[edge.consumer][target] + time + (target == unit ? 0 : mean))
                    }
                    worst = max(worst, best)
                }
                table[op][unit] = worst
            }
        }
        return table
    }

    func testOptimisticCostTableEqualsTheDefinition() throws {
        for seed in 0..<12 as Range<UInt64> {
            let problem = try problem(tasks: 40, units: 2 + Int(seed % 5), seed: seed)
            XCTAssertEqual(Ranks.optimisticCostTable(problem), definitionOCT(problem), "seed \(seed)")
        }
    }

    func testMeanCommunicationAboveThePairwiseLimitIsThePairwiseMean() throws {
        let problem = try problem(tasks: 20, units: PlanProblem.pairwiseMeanUnitLimit + 6, seed: 7)
        let n = problem.unitCount
        for edge in problem.edges {
            var total = 0.0
            for a in 0..<n { for b in 0..<n where a != b { total += problem.communication(edge, from: a, to: b) } }
            XCTAssertEqual(problem.meanCommunication(edge), total / Double(n * (n - 1)), accuracy: 1e-9 * max(1, total))
        }
    }

    func testCheapestCrossingIsTheMinimumOverAllPairs() throws {
        for seed in 0..<6 as Range<UInt64> {
            let problem = try problem(tasks: 30, units: 3 + Int(seed), seed: seed)
            var cheapest = CheapestCrossing()
            for edge in problem.edges {
                var brute = Double.infinity
                for u in 0..<problem.unitCount where problem.exec(edge.producer, u) != nil {
                    for v in 0..<problem.unitCount where v != u && problem.exec(edge.consumer, v) != nil {
                        brute = min(brute, problem.communication(edge, from: u, to: v))
                    }
                }
                XCTAssertEqual(cheapest.weight(edge, problem), brute, "seed \(seed)")
            }
        }
    }
}
