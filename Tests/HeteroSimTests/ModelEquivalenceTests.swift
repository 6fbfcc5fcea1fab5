import HeteroPlan
import HeteroSim
import TestSupport
import XCTest

/// Contention off, the nine models' plans run exactly as predicted on every shipped platform. The
/// simulator times operators, fused shares and transfers itself (it does not import the planner),
/// so the agreement checks the planner's arithmetic.
final class ModelEquivalenceTests: XCTestCase {
    func testNineModelsMatchPredictionWithContentionOffOnEveryPlatform() throws {
        var worst = 0.0
        for platform in try Repository.chipPlatformFiles() {
            for name in Repository.modelNames {
                let planned = try Fixtures.model(name, platform: platform, contention: false)
                let result = try planned.simulate()
                XCTAssertFalse(result.contention)
                assertMatchesPrediction(result, "\(name) on \(platform)")
                worst = max(worst, abs(result.relativeDifference))
            }
        }
        print("worst relative difference over the nine models x every platform: \(worst)")
    }
}
