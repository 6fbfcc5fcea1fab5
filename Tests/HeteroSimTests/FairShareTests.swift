@testable import HeteroSim
import TestSupport
import XCTest

/// Max-min fair rates by progressive filling: hand-computed cases, the edges (unlimited and
/// zero capacities, a single flow, flows finishing) and the defining property over fixed seeds.
final class FairShareTests: XCTestCase {
    typealias Flow = _FairShare.Flow

    /// A flow with an unreachable cap over up to three resources.
    func flow(_ resources: Int32..., cap: Double = 1_000_000) -> Flow {
        let padded = resources + [-1, -1, -1]
        return Flow(cap: cap, resources: (padded[0], padded[1], padded[2]))
    }

    func rates(_ capacity: [Double], _ flows: [Flow]) -> [Double] {
        var share = _FairShare(capacity: capacity)
        return share.rates(flows)
    }

    func assertRates(_ actual: [Double], _ expected: [Double], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.count, expected.count, "\(actual)", file: file, line: line)
        for (a, e) in zip(actual, expected) {
            XCTAssertEqual(a, e, accuracy: 1e-9 * max(1, abs(e)), "\(actual) vs \(expected)", file: file, line: line)
        }
    }

    func testTwoFlowsOnOneLinkSplitIt() {
        // 100 B/us shared by two flows: 100 / 2 = 50 each.
        assertRates(rates([100], [flow(0), flow(0)]), [50, 50])
    }

    func testAThirdFlowOnASecondLinkSharedWithOneOfThem() {
        // A and B on link 0 (100 B/us), B and C on link 1 (40 B/us). All rise together until link 1
        // is full at 40 / 2 = 20: B and C freeze at 20. A goes on alone with 100 - 20 - 20 = 60
        // left on link 0: A = 20 + 60 = 80. Link 0 carries 80 + 20 = 100, link 1 20 + 20 = 40.
        assertRates(rates([100, 40], [flow(0), flow(0, 1), flow(1)]), [80, 20, 20])
    }

    func testACapBelowTheFairShareLeavesTheRestToTheOthers() {
        // Three flows on 100 B/us, A capped at 10: all reach 10 (< 100 / 3), A freezes; B and C
        // share the 70 left: 10 + 35 = 45 each.
        assertRates(rates([100], [flow(0, cap: 10), flow(0), flow(0)]), [10, 45, 45])
    }

    func testATransferThroughTwoMemoriesAndALinkBesideAnOperator() {
        // Two transfers cross memory 0 (300), the link (100) and memory 1 (300); an operator streams
        // from memory 0 alone. Step 1: min(300 / 3, 100 / 2, 300 / 2) = 50, the link is full and the
        // transfers freeze at 50. Step 2: the operator takes what memory 0 has left,
        // 300 - 3 * 50 = 150, so 50 + 150 = 200.
        assertRates(rates([300, 100, 300], [flow(0, 1, 2), flow(0, 1, 2), flow(0)]), [50, 50, 200])
    }

    func testASingleFlowGetsTheLeastOfItsCapAndItsResources() {
        assertRates(rates([100, 300], [flow(0, 1)]), [100])
        assertRates(rates([100, 300], [flow(0, 1, cap: 60)]), [60])
        assertRates(rates([100, 300], [flow(1, cap: 500)]), [300])
    }

    func testUnlimitedResourcesAndFlowsWithoutResources() {
        // An unlimited resource never binds: the cap does.
        assertRates(rates([.infinity], [flow(0, cap: 70), flow(0, cap: 30)]), [70, 30])
        // No resource at all: the cap.
        assertRates(rates([100], [flow(cap: 7)]), [7])
        // Uncapped on an unlimited resource: unlimited (the simulator never builds this).
        XCTAssertEqual(rates([.infinity], [Flow(cap: .infinity, resources: (0, -1, -1))]), [.infinity])
    }

    func testAZeroCapacityResourceStopsOnlyItsFlows() {
        // The first step is 0 (resource 0 has nothing to give), which freezes A at 0; B then gets
        // all of resource 1.
        assertRates(rates([0, 100], [flow(0, cap: 50), flow(1)]), [0, 100])
    }

    func testAResourceListedTwiceInOneFlowCountsOnce() {
        assertRates(rates([100], [flow(0, 0, 0)]), [100])
        assertRates(rates([100], [flow(0, 0), flow(0)]), [50, 50])
    }

    func testNoFlows() {
        XCTAssertEqual(rates([100], []), [])
    }

    func testFlowsFinishingGiveTheirShareBack() {
        // The second case above, recomputed on the same instance as flows finish (the scratch space
        // and the output array are reused, and the output is replaced, not appended to).
        var share = _FairShare(capacity: [100, 40])
        var rate: [Double] = [-1, -1, -1, -1, -1]
        share.rates([flow(0), flow(0, 1), flow(1)], into: &rate)
        assertRates(rate, [80, 20, 20])
        // B finishes: A has link 0 to itself, C link 1.
        share.rates([flow(0), flow(1)], into: &rate)
        assertRates(rate, [100, 40])
        // A finishes too.
        share.rates([flow(1)], into: &rate)
        assertRates(rate, [40])
    }

    /// Over fixed seeds, random resources (some unlimited) and flows (1 to 3 resources, possibly
    /// repeated): each rate is positive and within its cap, no resource is over capacity, and every
    /// flow is bottlenecked (Bertsekas & Gallager §6.5.2): it is at its cap, or one of its
    /// resources is full and no flow on that resource gets more than it. Those conditions hold
    /// exactly for the max-min fair allocation.
    func testMaxMinFairnessOverRandomInstances() {
        let tolerance = 1e-9
        for seed in UInt64(0)..<300 {
            var generator = SeededGenerator(seed: seed)
            let capacity = (0..<Int.random(in: 1...5, using: &generator)).map { _ in
                Int.random(in: 0..<5, using: &generator) == 0 ? Double.infinity : Double.random(in: 1...1000, using: &generator)
            }
            let flows = (0..<Int.random(in: 1...12, using: &generator)).map { _ -> Flow in
                var resources: [Int32] = (0..<Int.random(in: 1...3, using: &generator)).map { _ in
                    Int32.random(in: 0..<Int32(capacity.count), using: &generator)
                }
                resources += [-1, -1]
                return Flow(cap: Double.random(in: 1...1500, using: &generator), resources: (resources[0], resources[1], resources[2]))
            }
            let rate = rates(capacity, flows)
            let members = flows.map { Set([$0.resources.0, $0.resources.1, $0.resources.2].filter { $0 >= 0 }.map(Int.init)) }
            var load = [Double](repeating: 0, count: capacity.count)
            var fastest = [Double](repeating: 0, count: capacity.count)
            for (index, resources) in members.enumerated() {
                for resource in resources {
                    load[resource] += rate[index]
                    fastest[resource] = max(fastest[resource], rate[index])
                }
            }
            for (resource, limit) in capacity.enumerated() where limit.isFinite {
                XCTAssertLessThanOrEqual(load[resource], limit * (1 + tolerance), "seed \(seed): resource \(resource) over capacity")
            }
            for (index, flow) in flows.enumerated() {
                XCTAssertGreaterThan(rate[index], 0, "seed \(seed): flow \(index)")
                XCTAssertLessThanOrEqual(rate[index], flow.cap * (1 + tolerance), "seed \(seed): flow \(index) over its cap")
                let atCap = rate[index] >= flow.cap * (1 - tolerance)
                let bottleneck = members[index].contains { resource in
                    capacity[resource].isFinite && load[resource] >= capacity[resource] * (1 - tolerance)
                        && rate[index] >= fastest[resource] * (1 - tolerance)
                }
                XCTAssertTrue(atCap || bottleneck, "seed \(seed): flow \(index) at \(rate[index]) could get more")
            }
        }
    }
}
