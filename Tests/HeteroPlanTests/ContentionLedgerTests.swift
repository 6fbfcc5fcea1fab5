import HeteroCost
@testable import HeteroPlan
import XCTest

/// The list scheduler's contention model, first come first served: operators streaming from a
/// memory take the bandwidth earlier reservations left, transfers queue for DMA engines and share
/// link and memory bandwidth, gaps are used when a hop fits. Every expectation is worked out by
/// hand in the comments.
final class ContentionLedgerTests: XCTestCase {
    /// Operators by execution time, bytes moved and command overhead (the same on every unit).
    struct Op {
        var execUS: Double
        var bytes: Int
        var overheadUS: Double = 0
    }

    /// 500 B in 10 us: 50 B/us, half of a 100 B/us memory.
    static let half = Op(execUS: 10, bytes: 500)
    /// 1000 B in 10 us: 100 B/us, all of a 100 B/us memory.
    static let full = Op(execUS: 10, bytes: 1_000)
    /// 2 us of command overhead, then 1000 B in 10 us.
    static let commanded = Op(execUS: 12, bytes: 1_000, overheadUS: 2)
    /// No memory traffic.
    static let compute = Op(execUS: 10, bytes: 0)

    /// The timing of the `index`-th of the default operators when it lasts `duration` (overhead
    /// and bytes scale with it, as for a fused share).
    func timing(_ index: Int, _ duration: Double) -> OperatorTiming {
        let op = [Self.half, Self.full, Self.commanded, Self.compute][index]
        let scale = duration / op.execUS
        return OperatorTiming(durationUS: duration, overheadUS: op.overheadUS * scale, streamedBytes: Double(op.bytes) * scale)
    }

    /// Unit u computes from memory u; memory bandwidths in B/us (`.infinity` for unlimited).
    func ledger(memories: [Double], links: [LinkModel] = [], operators: [Op] = [half, full, commanded, compute],
                contention: Bool = true) -> ContentionLedger {
        ContentionLedger(costs: costs(memories: memories, links: links, operators: operators, contention: contention), contention: contention)
    }

    func costs(memories: [Double], links: [LinkModel], operators: [Op], contention: Bool = true) -> CostTable {
        let units = memories.indices
        let square = units.map { _ in units.map { _ in 0.0 } }
        var table = CostTable(unitNames: units.map { "u\($0)" }, unitKinds: units.map { _ in "unit" },
                              execUS: operators.map { op in units.map { _ in op.execUS } },
                              reasons: operators.map { _ in units.map { _ in nil } },
                              transferFixedUS: square, transferPerByteUS: square, syncUS: square, unitMemory: Array(units),
                              memoryNames: units.map { "m\($0)" }, memoryCapacity: units.map { _ in nil },
                              routes: units.map { _ in units.map { _ in [] } }, linkEngines: links.map(\.engines), contention: contention,
                              energyPJ: operators.map { _ in units.map { _ in 0 } }, transferEnergyPJPerByte: square)
        table.memoryBytes = operators.map { op in units.map { _ in op.bytes } }
        table.memoryBytesPerUS = memories
        table.overheadUS = operators.map { op in units.map { _ in op.overheadUS } }
        table.links = links
        return table
    }

    func link(_ from: Int, _ to: Int, bytesPerUS: Double = 100, latencyUS: Double = 1, engines: Int = 1) -> LinkModel {
        LinkModel(label: "m\(from) -> m\(to)", fromMemory: from, toMemory: to, bytesPerUS: bytesPerUS, latencyUS: latencyUS, engines: engines)
    }

    // MARK: Operators

    func testAnOperatorAloneTakesItsOwnTime() {
        var ledger = ledger(memories: [100])
        XCTAssertEqual(ledger.operatorFinish(on: 0, timing: timing(0, 10), start: 3), 13)
        XCTAssertEqual(ledger.reserveOperator(on: 0, timing: timing(1, 10), start: 0), 10)
    }

    func testAReservationOfHalfTheBandwidthHalvesASecondStreamsRate() {
        var ledger = ledger(memories: [100])
        // `half` holds 50 of 100 B/us over [0, 10).
        XCTAssertEqual(ledger.reserveOperator(on: 0, timing: timing(0, 10), start: 0), 10)
        // `full` wants 100 B/us but gets 50 while `half` runs: 500 B by 10, the other 500 B at
        // 100 B/us in 5 us: 15. Asking does not reserve, so asking again gives the same.
        XCTAssertEqual(ledger.operatorFinish(on: 0, timing: timing(1, 10), start: 0), 15)
        XCTAssertEqual(ledger.operatorFinish(on: 0, timing: timing(1, 10), start: 0), 15)
        XCTAssertEqual(ledger.reserveOperator(on: 0, timing: timing(1, 10), start: 0), 15)
        // Now [0, 15) is full: a third stream moves nothing until 15, then 1000 B in 10 us.
        XCTAssertEqual(ledger.operatorFinish(on: 0, timing: timing(1, 10), start: 0), 25)
    }

    func testASaturatingReservationDelaysTheNextStream() {
        var ledger = ledger(memories: [100, 100])
        XCTAssertEqual(ledger.reserveOperator(on: 0, timing: timing(1, 10), start: 0), 10)
        // Nothing left on [0, 10): whenever it starts by then, 10 + 1000 / 100.
        XCTAssertEqual([0, 5, 10].map { ledger.operatorFinish(on: 0, timing: timing(1, 10), start: $0) }, [20, 20, 20])
        // Unit 1 computes from memory 1, which nothing uses.
        XCTAssertEqual(ledger.operatorFinish(on: 1, timing: timing(1, 10), start: 0), 10)
    }

    func testTheCommandOverheadDoesNotWaitForBandwidth() {
        var ledger = ledger(memories: [100])
        _ = ledger.reserveOperator(on: 0, timing: timing(1, 10), start: 0)
        // `commanded` streams from start + 2 at 1000 / 10 = 100 B/us: started at 0 it waits from
        // 2 to 10 and ends at 20; started at 8 its stream begins at 10 and it ends on time, 20.
        XCTAssertEqual(ledger.operatorFinish(on: 0, timing: timing(2, 12), start: 0), 20)
        XCTAssertEqual(ledger.operatorFinish(on: 0, timing: timing(2, 12), start: 8), 20)
    }

    func testAFusedShareScalesBytesAndOverhead() {
        // Half of `commanded`'s time (its share of a fused chain): 1 us overhead, 500 B over 5 us.
        let alone = ledger(memories: [100])
        XCTAssertEqual(alone.operatorFinish(on: 0, timing: timing(2, 6), start: 0), 6)
        var busy = ledger(memories: [100])
        _ = busy.reserveOperator(on: 0, timing: timing(1, 10), start: 0)
        // Streams from 1, waits until 10, then 500 B at 100 B/us: 15.
        XCTAssertEqual(busy.operatorFinish(on: 0, timing: timing(2, 6), start: 0), 15)
    }

    func testOperatorsThatCannotContend() {
        var ledger = ledger(memories: [100, .infinity])
        _ = ledger.reserveOperator(on: 0, timing: timing(1, 10), start: 0)
        // No memory traffic.
        XCTAssertEqual(ledger.operatorFinish(on: 0, timing: timing(3, 10), start: 0), 10)
        // A unit computing from a memory of unlimited bandwidth.
        XCTAssertEqual(ledger.reserveOperator(on: 1, timing: timing(1, 10), start: 0), 10)
        XCTAssertEqual(ledger.reserveOperator(on: 1, timing: timing(1, 10), start: 0), 10)
    }

    func testWhetherTheLedgerIsActive() {
        XCTAssertTrue(ledger(memories: [100]).isActive)
        XCTAssertTrue(ledger(memories: [.infinity, .infinity], links: [link(0, 1)]).isActive)
        XCTAssertFalse(ledger(memories: [.infinity]).isActive, "nothing finite to share")
        XCTAssertFalse(ContentionLedger.anythingContends(costs(memories: [.infinity], links: [], operators: [Self.full])))
        XCTAssertTrue(ContentionLedger.anythingContends(costs(memories: [100], links: [], operators: [Self.full])))
        // Contention off: the bandwidth is there but never shared.
        var off = ledger(memories: [100], contention: false)
        XCTAssertFalse(off.isActive)
        XCTAssertEqual(off.reserveOperator(on: 0, timing: timing(1, 10), start: 0), 10)
        XCTAssertEqual(off.reserveOperator(on: 0, timing: timing(1, 10), start: 0), 10)
    }

    // MARK: Transfers

    func testOneDMAEngineServesTransfersInArrivalOrder() {
        // 1000 B over 100 B/us after 1 us of latency: 11 us per hop, holding the link's only engine.
        var ledger = ledger(memories: [.infinity, .infinity], links: [link(0, 1)])
        XCTAssertEqual(ledger.reserveTransfer(bytes: 1_000, route: [0], leave: 0), 11)
        XCTAssertEqual(ledger.reserveTransfer(bytes: 1_000, route: [0], leave: 0), 22)
        XCTAssertEqual(ledger.reserveTransfer(bytes: 1_000, route: [0], leave: 0), 33)
    }

    func testTwoEnginesOverlapLatencyButShareTheLinksBandwidth() {
        var ledger = ledger(memories: [.infinity, .infinity], links: [link(0, 1, engines: 2)])
        XCTAssertEqual(ledger.reserveTransfer(bytes: 1_000, route: [0], leave: 0), 11)
        // The second engine starts at 0, but the link is full over [1, 11): its data moves on [11, 21).
        XCTAssertEqual(ledger.reserveTransfer(bytes: 1_000, route: [0], leave: 0), 21)
        // Both engines are busy until 11; the third starts then, its data waits for [11, 21) to
        // pass: 21 + 10 = 31.
        XCTAssertEqual(ledger.reserveTransfer(bytes: 1_000, route: [0], leave: 0), 31)
    }

    func testEnginesAloneWithUnlimitedBandwidth() {
        // Only the 5 us latency and two engines: pairs of transfers every 5 us.
        var ledger = ledger(memories: [.infinity, .infinity], links: [link(0, 1, bytesPerUS: .infinity, latencyUS: 5, engines: 2)])
        let finishes = (0..<5).map { _ in ledger.reserveTransfer(bytes: 1_000, route: [0], leave: 0) }
        XCTAssertEqual(finishes, [5, 5, 10, 10, 15])
    }

    func testAShortTransferFillsAGapThatALongOneCannot() {
        var ledger = ledger(memories: [.infinity, .infinity], links: [link(0, 1)])
        XCTAssertEqual(ledger.reserveTransfer(bytes: 1_000, route: [0], leave: 0), 11)    // engine [0, 11)
        XCTAssertEqual(ledger.reserveTransfer(bytes: 1_000, route: [0], leave: 20), 31)   // engine [20, 31)
        // 100 B take 1 + 1 us: [11, 13) fits in the gap [11, 20).
        XCTAssertEqual(ledger.reserveTransfer(bytes: 100, route: [0], leave: 0), 13)
        // 1000 B need 11 us: from 13 the engine would still be held at 20, so the hop moves past
        // the next reservation: [31, 42).
        XCTAssertEqual(ledger.reserveTransfer(bytes: 1_000, route: [0], leave: 0), 42)
    }

    func testAnEmptyTransferHoldsTheEngineForTheLatency() {
        var ledger = ledger(memories: [.infinity, .infinity], links: [link(0, 1)])
        XCTAssertEqual(ledger.reserveTransfer(bytes: 0, route: [0], leave: 0), 1)
        XCTAssertEqual(ledger.reserveTransfer(bytes: 1_000, route: [0], leave: 0), 12)
    }

    func testStoreAndForwardOverTwoHops() {
        // Hop 1: [0, 11). Hop 2 leaves when hop 1 ends: 2 us of latency, then 1000 B at 50 B/us:
        // 11 + 2 + 20 = 33.
        var ledger = ledger(memories: [.infinity, .infinity, .infinity],
                            links: [link(0, 1), link(1, 2, bytesPerUS: 50, latencyUS: 2)])
        XCTAssertEqual(ledger.reserveTransfer(bytes: 1_000, route: [0, 1], leave: 0), 33)
        XCTAssertTrue(ledger.coversRoute([0, 1]))
        XCTAssertFalse(ledger.coversRoute([]))
        XCTAssertFalse(ledger.coversRoute([2]))
    }

    func testTransfersAndOperatorsShareTheMemoriesAtTheLinksEnds() {
        // Memory 0 at 100 B/us feeds both the link (100 B/us, no latency) and unit 0.
        let links = [link(0, 1, latencyUS: 0)]
        var saturated = ledger(memories: [100, .infinity], links: links)
        _ = saturated.reserveOperator(on: 0, timing: timing(1, 10), start: 0)
        // Memory 0 is full on [0, 10): the transfer's data moves on [10, 20).
        XCTAssertEqual(saturated.reserveTransfer(bytes: 1_000, route: [0], leave: 0), 20)

        var halved = ledger(memories: [100, .infinity], links: links)
        _ = halved.reserveOperator(on: 0, timing: timing(0, 10), start: 0)
        // 50 B/us left on [0, 10): 500 B by 10, the other 500 B at the link's 100 B/us by 15.
        XCTAssertEqual(halved.reserveTransfer(bytes: 1_000, route: [0], leave: 0), 15)

        var transferFirst = ledger(memories: [100, .infinity], links: links)
        XCTAssertEqual(transferFirst.reserveTransfer(bytes: 1_000, route: [0], leave: 0), 10)
        // The transfer now holds memory 0 on [0, 10): an operator streaming from it waits.
        XCTAssertEqual(transferFirst.operatorFinish(on: 0, timing: timing(1, 10), start: 0), 20)
    }
}
