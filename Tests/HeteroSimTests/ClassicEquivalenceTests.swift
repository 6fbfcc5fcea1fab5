import HeteroPlan
import HeteroSim
import XCTest

/// Contention off, the simulator is the classic model: simulated makespan == predicted.
final class ClassicEquivalenceTests: XCTestCase {
    func testRandomTaskGraphsMatchPredictionUnderEveryStrategy() throws {
        let strategies: [any PlanningStrategy] = [HEFTStrategy(), PEFTStrategy(), GreedyStrategy()]
        for seed in 0..<12 as Range<UInt64> {
            for strategy in strategies {
                let planned = try Fixtures.classic(tasks: 10 + Int(seed) * 9, seed: seed, strategy: strategy)
                let result = try planned.simulate()
                assertMatchesPrediction(result, "seed \(seed) \(strategy.name)")
                // Operator by operator, too.
                for (op, simulated) in result.operators.enumerated() {
                    XCTAssertEqual(simulated.start.microseconds, planned.plan.startUS[op], accuracy: 1e-6, "seed \(seed) op \(op)")
                }
            }
        }
    }
}
