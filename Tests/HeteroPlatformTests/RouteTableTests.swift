import HeteroPlatform
import XCTest

/// `RouteTable` answers by memory index what the definition of a route says: the best simple
/// path under the preference's order, names breaking ties; kept trees and stopped searches agree.
final class RouteTableTests: XCTestCase {
    /// Every simple path from `a` to `b` over the platform's links (a bidirectional link both ways).
    private func simplePaths(_ platform: Platform, from a: String, to b: String) -> [[(to: String, link: Int)]] {
        var result: [[(to: String, link: Int)]] = []
        func walk(_ at: String, _ path: [(to: String, link: Int)], _ visited: Set<String>) {
            if at == b { result.append(path); return }
            for (index, link) in platform.links.enumerated() {
                var next: [String] = []
                if link.from == at { next.append(link.to) }
                if link.bidirectional && link.to == at { next.append(link.from) }
                for memory in next where !visited.contains(memory) {
                    walk(memory, path + [(memory, index)], visited.union([memory]))
                }
            }
        }
        walk(a, [], [a])
        return result
    }

    /// The definition: fewest hops, then the highest bottleneck, then the memory names in order.
    private func definitionLinks(_ platform: Platform, from a: String, to b: String) -> [Int]? {
        let paths = simplePaths(platform, from: a, to: b)
        func key(_ path: [(to: String, link: Int)]) -> (Int, Double, [String]) {
            (path.count, -(path.map { platform.links[$0.link].bandwidthGBs }.min() ?? .infinity), [a] + path.map(\.to))
        }
        let best = paths.min { x, y in
            let (kx, ky) = (key(x), key(y))
            if kx.0 != ky.0 { return kx.0 < ky.0 }
            if kx.1 != ky.1 { return kx.1 < ky.1 }
            return kx.2.lexicographicallyPrecedes(ky.2)
        }
        return best.map { $0.map(\.link) }
    }

    private var grid: Platform {
        get throws { try Platform.decode(jsonText: TileArrayTests.platform(), file: "grid.json") }
    }

    func testRoutesOfAnArrayAreTheBestSimplePaths() throws {
        let platform = try grid
        let table = RouteTable(platform)
        let names = platform.memories.map(\.name)
        for (i, a) in names.enumerated() {
            for (j, b) in names.enumerated() {
                let expected = a == b ? [] : definitionLinks(platform, from: a, to: b)
                XCTAssertEqual(table.links(from: i, to: j), expected, "\(a) -> \(b)")
                XCTAssertEqual(platform.route(from: a, to: b)?.hops.map(\.linkIndex), expected, "\(a) -> \(b)")
            }
        }
        // The one-way cascade east, then back through DRAM: the figures add up the hops.
        let c0 = try XCTUnwrap(table.memoryIndex("aie_r0_c0_mem")), c1 = try XCTUnwrap(table.memoryIndex("aie_r0_c1_mem"))
        XCTAssertEqual(table.figures(from: c0, to: c1)?.bottleneckGBs, 60)
        let back = try XCTUnwrap(table.figures(from: c1, to: c0))
        XCTAssertEqual(back.latencyUS, 1.0, accuracy: 1e-12, "two interface hops of 0.5 us")
        XCTAssertEqual(back.perByteUS, 2.0 / 10_000, accuracy: 1e-15)
        XCTAssertEqual(back.bottleneckGBs, 10)
    }

    func testKeptTreesAndStoppedSearchesGiveTheSameRoutes() throws {
        let platform = try grid
        let kept = RouteTable(platform)
        kept.prepare(sources: 0..<kept.memoryCount)
        let asked = RouteTable(platform)
        for _ in 0..<3 {  // first stopped searches, then kept trees (a source asked twice keeps its tree)
            for i in 0..<kept.memoryCount {
                for j in 0..<kept.memoryCount {
                    XCTAssertEqual(asked.links(from: i, to: j), kept.links(from: i, to: j), "\(i) -> \(j)")
                }
            }
        }
        XCTAssertNil(asked.memoryIndex("nowhere"))
    }

    func testDiamondTiesAndOneWayLinks() throws {
        let platform = Platform(
            name: "diamond",
            units: [ProcessingUnit(name: "u", kind: .cpu, clockMHz: 1, memory: "a", operators: ["*": OperatorSupport(operatorType: "*")])],
            memories: ["a", "c", "b", "d", "e"].map { Memory(name: $0, kind: .sram, capacityBytes: nil, bandwidthGBs: 1) },
            links: [
                Link(from: "a", to: "c", bandwidthGBs: 1), Link(from: "a", to: "b", bandwidthGBs: 1),
                Link(from: "c", to: "d", bandwidthGBs: 1), Link(from: "b", to: "d", bandwidthGBs: 1),
                Link(from: "d", to: "e", bandwidthGBs: 1, bidirectional: false),
            ],
            interconnect: Interconnect(contention: false))
        let table = RouteTable(platform)
        let index = { (name: String) in table.memoryIndex(name)! }
        XCTAssertEqual(table.links(from: index("a"), to: index("d")), [1, 3], "a -> b -> d: b precedes c")
        XCTAssertEqual(table.links(from: index("a"), to: index("e")), [1, 3, 4])
        XCTAssertNil(table.links(from: index("e"), to: index("a")), "e has no way back")
        XCTAssertEqual(table.links(from: index("c"), to: index("c")), [])
        XCTAssertNil(table.figures(from: index("e"), to: index("d")))
    }
}
