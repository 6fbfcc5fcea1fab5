import HeteroPlan
import HeteroSim
import TestSupport
import XCTest

/// Contention off on the shipped platform, the nine models' plans run exactly as predicted.
final class ModelEquivalenceTests: XCTestCase {
    func testNineModelsMatchPredictionWithContentionOff() throws {
        var worst = 0.0
        for name in Repository.modelNames {
            let planned = try Fixtures.model(name, contention: false)
            let result = try planned.simulate()
            XCTAssertFalse(result.contention)
            assertMatchesPrediction(result, name)
            worst = max(worst, abs(result.relativeDifference))
            print("\(name): \(result.relativeDifference) makespan \(result.makespanUS) events \(result.events)")
        }
        print("worst relative difference over the nine models: \(worst)")
    }
}
