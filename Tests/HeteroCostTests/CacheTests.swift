import HeteroCost
import HeteroIR
import HeteroPlatform
import Synchronization
import TestSupport
import XCTest

/// Costs are cached per (provider, unit, operator signature).
final class CacheTests: XCTestCase {
    /// Two Relus with identical signatures (different names) and one of another shape.
    static func graph() throws -> Graph {
        var builder = GraphBuilder()
        builder.input("x", [1, 8, 16, 16])
        builder.input("z", [1, 8, 8, 8])
        builder.op("first", "Relu", ["x"], "a", [1, 8, 16, 16])
        builder.op("second", "Relu", ["x"], "b", [1, 8, 16, 16])
        builder.op("other", "Relu", ["z"], "c", [1, 8, 8, 8])
        return try builder.build(outputs: ["a", "b", "c"])
    }

    func testIdenticalOperatorsCostTheSameAndHitTheCache() throws {
        let result = try evaluate(Self.graph())
        XCTAssertEqual(result.details[0], result.details[1])
        XCTAssertEqual(result.table.execUS[0], result.table.execUS[1])
        XCTAssertNotEqual(result.details[0][Synthetic.cpu], result.details[2][Synthetic.cpu])
        // The second Relu is answered from the cache on all three units; nothing else is.
        XCTAssertEqual(result.cacheHits, 3)
    }

    /// Counts how often it is asked; answers 1 us everywhere.
    struct CountingProvider: CostProvider {
        let name = "counting"
        let cachesBySignature: Bool
        let calls = Calls()

        final class Calls: Sendable {
            let count = Mutex(0)
        }

        func cost(of context: OperatorContext, on unit: ProcessingUnit, platform: Platform) -> OperatorCost? {
            calls.count.withLock { $0 += 1 }
            return .fixed(1, bound: .given)
        }
    }

    func testOnlyProvidersThatCostBySignatureAreCached() throws {
        let graph = try Self.graph()
        let platform = try Synthetic.platform()
        let cached = CountingProvider(cachesBySignature: true)
        _ = try CostEngine(platform: platform, providers: [cached]).evaluate(graph)
        // 2 distinct signatures x 3 units.
        XCTAssertEqual(cached.calls.count.withLock { $0 }, 6)

        let uncached = CountingProvider(cachesBySignature: false)
        let result = try CostEngine(platform: platform, providers: [uncached]).evaluate(graph)
        // 3 operators x 3 units.
        XCTAssertEqual(uncached.calls.count.withLock { $0 }, 9)
        XCTAssertEqual(result.cacheHits, 0)
        XCTAssertEqual(result.providers[0], ["counting", "counting", "counting"])
    }

    /// An array's tiles differ only in their names and places in the stream-switch mesh: one
    /// class, asked once per signature, while the table keeps each tile's place for the routes.
    func testTilesInAStreamSwitchMeshShareOneClass() throws {
        let platform = try Platform.decode(jsonText: TileArrayFixture.text(rows: 2, columns: 3), file: "tiles-2x3")
        XCTAssertEqual(platform.units.count, 8)  // apu, pl and six tiles
        let places = Set(platform.units.compactMap { $0.streamSwitch.map { "\($0.row),\($0.column)" } })
        XCTAssertEqual(places.count, 6)
        let counting = CountingProvider(cachesBySignature: true)
        let result = try CostEngine(platform: platform, providers: [counting]).evaluate(Self.graph())
        // 2 distinct signatures x 3 classes (apu, pl, the tiles).
        XCTAssertEqual(counting.calls.count.withLock { $0 }, 6)
        XCTAssertEqual(Set(result.table.streamSwitches.compactMap { $0.map { "\($0.row),\($0.column)" } }), places)
    }

    func testProvidersAreAskedInOrder() throws {
        let first = CountingProvider(cachesBySignature: false)
        let engine = try CostEngine(platform: Synthetic.platform(), providers: [first, AnalyticCostProvider()])
        let result = try engine.evaluate(Self.graph())
        XCTAssertEqual(Set(result.providers.flatMap { $0 }), ["counting"])
        XCTAssertEqual(engine.providers.map(\.name), ["counting", "analytic"])
        XCTAssertEqual(try CostEngine(platform: Synthetic.platform(), profile: CostProfile(entries: [])).providers.map(\.name),
                       ["profile", "task graph", "analytic"])
    }
}
