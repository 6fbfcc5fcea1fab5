@testable import HeteroSim
import TestSupport
import XCTest

/// The live buffers of one memory by page: overlap queries, a buffer on two pages, swap-removal,
/// empty buffers, far-away (sparse) pages, and random insert/remove/query sequences against a
/// brute-force scan.
final class LiveSetTests: XCTestCase {
    /// Planned buffers: memory, offset and size of each (buffer ids are indices).
    struct Layout {
        var memory: [Int]
        var offset: [Int]
        var bytes: [Int]

        func liveSet(memory target: Int = 0) -> _LiveSet {
            let largest = zip(memory, bytes).filter { $0.0 == target }.map(\.1).max() ?? 0
            return _LiveSet(memory: target, maxBytes: largest, bufferMemory: memory, bufferOffset: offset, bufferBytes: bytes)
        }

        func insert(_ buffer: Int, into set: inout _LiveSet) {
            set.insert(lower: offset[buffer], upper: offset[buffer] + bytes[buffer], buffer: Int32(buffer))
        }

        func remove(_ buffer: Int, from set: inout _LiveSet) {
            set.remove(lower: offset[buffer], upper: offset[buffer] + bytes[buffer], buffer: Int32(buffer))
        }
    }

    func intersecting(_ set: inout _LiveSet, _ lower: Int, _ upper: Int) -> [Int32] {
        var result: [_LiveSet.Entry] = []
        set.intersecting(lower: lower, upper: upper, into: &result)
        return result.map(\.buffer)
    }

    /// Memory 0: b0 [0, 100), b1 [100, 200), b2 [150, 250); b3 [0, 100) is in memory 1. The largest
    /// buffer of memory 0 is 100 bytes, so pages are 100 bytes: b0 on page 0, b1 on page 1, b2 on
    /// pages 1 and 2.
    let layout = Layout(memory: [0, 0, 0, 1], offset: [0, 100, 150, 0], bytes: [100, 100, 100, 100])

    func testQueriesReturnTheLiveBuffersIntersectingTheRange() {
        var live = layout.liveSet()
        XCTAssertEqual(live.pageBytes, 100)
        layout.insert(0, into: &live)
        layout.insert(1, into: &live)
        XCTAssertEqual(intersecting(&live, 50, 150), [0, 1])
        // Ranges are half-open: b1 starts where [0, 100) ends.
        XCTAssertEqual(intersecting(&live, 0, 100), [0])
        XCTAssertEqual(intersecting(&live, 99, 100), [0])
        XCTAssertEqual(intersecting(&live, 100, 101), [1])
        XCTAssertEqual(intersecting(&live, 200, 300), [])
        // Touching buffers on one page: each query boundary between them is exclusive.
        let touching = Layout(memory: [0, 0, 0], offset: [0, 30, 60], bytes: [30, 30, 40])
        var page = touching.liveSet()
        for buffer in 0..<3 { touching.insert(buffer, into: &page) }
        XCTAssertEqual(intersecting(&page, 0, 30), [0])
        XCTAssertEqual(intersecting(&page, 30, 60), [1])
        XCTAssertEqual(intersecting(&page, 29, 61), [0, 1, 2])
    }

    func testABufferOnTwoPagesIsListedOncePerPage() {
        var live = layout.liveSet()
        for buffer in 0..<3 { layout.insert(buffer, into: &live) }
        // Page 0: b0; page 1: b1, b2; page 2: b2.
        XCTAssertEqual(intersecting(&live, 0, 300), [0, 1, 2, 2])
        XCTAssertEqual(intersecting(&live, 150, 160), [1, 2])
        XCTAssertEqual(intersecting(&live, 200, 250), [2])
    }

    func testRemovalMovesThePagesLastEntryIntoTheGap() {
        var live = layout.liveSet()
        layout.insert(1, into: &live)
        layout.insert(2, into: &live)
        // Page 1 holds [b1, b2]; removing b1 moves b2 to its place.
        layout.remove(1, from: &live)
        XCTAssertEqual(intersecting(&live, 100, 200), [2])
        layout.insert(1, into: &live)
        XCTAssertEqual(intersecting(&live, 100, 200), [2, 1])
        // Removing b2 (from pages 1 and 2) moves b1 again; its recorded position must follow, or
        // removing it afterwards would trap.
        layout.remove(2, from: &live)
        XCTAssertEqual(intersecting(&live, 0, 300), [1])
        layout.remove(1, from: &live)
        XCTAssertEqual(intersecting(&live, 0, 300), [])
    }

    func testEmptyBuffersAreNeverReported() {
        let layout = Layout(memory: [0, 0], offset: [100, 120], bytes: [100, 0])
        var live = layout.liveSet()
        layout.insert(0, into: &live)
        layout.insert(1, into: &live)
        XCTAssertEqual(intersecting(&live, 110, 130), [0])
    }

    func testFarAwayBuffersLiveOnSparsePages() {
        // Pages of 64 bytes; 3 buffers give min(addressLimit / 64 + 2, 2 * 3 + 64) = 70 dense
        // pages, so b1 (page 1000) and b2 (pages 999 and 1000) are on sparse pages.
        let layout = Layout(memory: [0, 0, 0], offset: [0, 64 * 1000, 64 * 999 + 32], bytes: [64, 64, 64])
        var live = layout.liveSet()
        XCTAssertEqual(live.pageBytes, 64)
        for buffer in 0..<3 { layout.insert(buffer, into: &live) }
        XCTAssertEqual(intersecting(&live, 0, 64), [0])
        XCTAssertEqual(intersecting(&live, 64 * 999, 64 * 1001), [2, 1, 2])
        layout.remove(1, from: &live)
        XCTAssertEqual(intersecting(&live, 64 * 999, 64 * 1001), [2, 2])
        layout.remove(2, from: &live)
        XCTAssertEqual(intersecting(&live, 64 * 999, 64 * 1001), [])
        XCTAssertEqual(intersecting(&live, 0, 64), [0])
    }

    /// Random layouts (some buffers far away, some empty, some in another memory) and random
    /// insert/remove/query sequences: each query lists exactly the live non-empty buffers that
    /// intersect the range, each once per page it shares with the range.
    func testRandomSequencesAgainstABruteForceScan() {
        for seed in UInt64(0)..<40 {
            var generator = SeededGenerator(seed: seed)
            let count = 30
            let layout = Layout(
                memory: (0..<count).map { _ in Int.random(in: 0..<5, using: &generator) == 0 ? 1 : 0 },
                offset: (0..<count).map { _ in
                    8 * (Int.random(in: 0..<8, using: &generator) == 0 ? Int.random(in: 0...12_500, using: &generator)
                                                                       : Int.random(in: 0...250, using: &generator))
                },
                bytes: (0..<count).map { _ in Int.random(in: 0..<10, using: &generator) == 0 ? 0 : 8 * Int.random(in: 1...32, using: &generator) })
            var live = layout.liveSet()
            let pageBytes = live.pageBytes
            func pages(_ lower: Int, _ upper: Int) -> ClosedRange<Int> { (lower / pageBytes)...(max(lower, upper - 1) / pageBytes) }
            var isLive = [Bool](repeating: false, count: count)
            let mine = (0..<count).filter { layout.memory[$0] == 0 }
            for step in 0..<300 {
                if Bool.random(using: &generator) {
                    let buffer = mine.randomElement(using: &generator)!
                    if isLive[buffer] { layout.remove(buffer, from: &live) } else { layout.insert(buffer, into: &live) }
                    isLive[buffer].toggle()
                } else {
                    // On the same 8-byte grid as the buffers, so that ranges often touch exactly.
                    let lower = 8 * Int.random(in: 0...12_750, using: &generator)
                    let upper = lower + 8 * Int.random(in: 1...75, using: &generator)
                    var expected: [Int32: Int] = [:]
                    for buffer in mine where isLive[buffer] && layout.bytes[buffer] > 0 {
                        let bufferLower = layout.offset[buffer], bufferUpper = bufferLower + layout.bytes[buffer]
                        guard bufferLower < upper && bufferUpper > lower else { continue }
                        expected[Int32(buffer)] = pages(bufferLower, bufferUpper).clamped(to: pages(lower, upper)).count
                    }
                    let found = Dictionary(intersecting(&live, lower, upper).map { ($0, 1) }, uniquingKeysWith: +)
                    XCTAssertEqual(found, expected, "seed \(seed), step \(step): [\(lower), \(upper))")
                }
            }
        }
    }
}
