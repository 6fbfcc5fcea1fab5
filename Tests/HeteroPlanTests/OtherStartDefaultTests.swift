import HeteroBench
import HeteroCost
import HeteroImport
@testable import HeteroPlan
import HeteroPlatform
import TestSupport
import XCTest

/// Where the optimizer runs other-start searches by default (`OptimizeStrategy.otherStartSearches`):
/// on graphs above 80 operators whose operators x units is at most `otherStartWork`, not where the
/// unit-swap stage runs (small graphs) and not on many-unit arrays; a given count always wins.
final class OtherStartDefaultTests: XCTestCase {
    private func problem(_ model: String, platform: Platform) throws -> PlanProblem {
        let graph = try ModelLoader.load(path: Repository.model(model))
        return try PlanProblem(graph: graph, costs: CostEngine(platform: platform).evaluate(graph).table)
    }

    func testOtherStartsRunByDefaultOnlyOnLargeGraphsOnFewUnits() throws {
        let meteorLake = try Platform.load(path: Repository.platform("meteor-lake.json"))
        let tiles = try Platform.decode(jsonText: TileArrayPlatform.json(tiles: 128), file: "tiles.json")
        var options = PlanOptions()
        // ResNet-50 (176 operators) on five units: no swap stage, 880 <= 20,000.
        let resnet = try problem("light_resnet50.onnx", platform: meteorLake)
        XCTAssertFalse(OptimizeStrategy.unitSwapStageRuns(resnet, options: options))
        XCTAssertEqual(OptimizeStrategy.otherStartSearches(resnet, options: options), OptimizeStrategy.defaultOtherStartSearches)
        XCTAssertGreaterThan(OptimizeStrategy.defaultOtherStartSearches, 0)
        // SqueezeNet (66 operators): the swap stage runs, so no other starts unless it is off.
        let squeezenet = try problem("light_squeezenet.onnx", platform: meteorLake)
        XCTAssertTrue(OptimizeStrategy.unitSwapStageRuns(squeezenet, options: options))
        XCTAssertEqual(OptimizeStrategy.otherStartSearches(squeezenet, options: options), 0)
        options.swapMoves = false
        XCTAssertEqual(OptimizeStrategy.otherStartSearches(squeezenet, options: options), OptimizeStrategy.defaultOtherStartSearches)
        options.swapMoves = true
        // ResNet-50 on a CPU and 128 tiles (176 x 129): operators x units above the limit.
        let array = try problem("light_resnet50.onnx", platform: tiles)
        XCTAssertGreaterThan(array.operatorCount * array.unitCount, OptimizeStrategy.otherStartWork)
        XCTAssertFalse(OptimizeStrategy.unitSwapStageRuns(array, options: options))
        XCTAssertEqual(OptimizeStrategy.otherStartSearches(array, options: options), 0)
        // A given count is used as given.
        options.otherStartSearches = 1
        XCTAssertEqual(OptimizeStrategy.otherStartSearches(array, options: options), 1)
        XCTAssertEqual(OptimizeStrategy.otherStartSearches(squeezenet, options: options), 1)
    }
}
