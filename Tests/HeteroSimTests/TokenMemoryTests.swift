@testable import HeteroSim
import TestSupport
import XCTest

/// Token pages over a memory's addresses: writes store a token over a range (overwriting, never
/// erasing), reads compare and report the first byte that differs, `tokens` lists what a range
/// holds. Hand-computed segment lists, page and sparse-page boundaries, and random sequences
/// against a byte-array model.
final class TokenMemoryTests: XCTestCase {
    typealias Segment = _TokenPage.Segment

    func testUnwrittenMemoryReadsAsUnwritten() {
        let memory = _TokenMemory()
        XCTAssertEqual(memory.read(7, offset: 100, bytes: 10), .unwritten(at: 100))
        XCTAssertEqual(memory.tokens(offset: 0, bytes: 1_000), [])
    }

    func testAWriteIsReadBack() {
        var memory = _TokenMemory()
        memory.write(1, offset: 0, bytes: 100)
        XCTAssertEqual(memory.read(1, offset: 0, bytes: 100), .expected)
        XCTAssertEqual(memory.read(1, offset: 50, bytes: 100), .unwritten(at: 100))
        XCTAssertEqual(memory.read(2, offset: 10, bytes: 10), .other(token: 1, at: 10))
        // Overwriting the middle: reads of the old token stop at the first overwritten byte.
        memory.write(2, offset: 40, bytes: 20)
        XCTAssertEqual(memory.read(1, offset: 0, bytes: 100), .other(token: 2, at: 40))
        XCTAssertEqual(memory.read(1, offset: 0, bytes: 40), .expected)
        XCTAssertEqual(memory.read(1, offset: 60, bytes: 40), .expected)
        XCTAssertEqual(memory.read(2, offset: 40, bytes: 20), .expected)
        XCTAssertEqual(memory.tokens(offset: 0, bytes: 100), [1, 2])
        XCTAssertEqual(memory.tokens(offset: 45, bytes: 5), [2])
    }

    func testZeroByteWritesAndReads() {
        var memory = _TokenMemory()
        memory.write(3, offset: 5, bytes: 0)
        XCTAssertEqual(memory.read(3, offset: 5, bytes: 1), .unwritten(at: 5))
        XCTAssertEqual(memory.read(3, offset: 5, bytes: 0), .expected)
    }

    /// The segment list after each write, worked out by hand.
    func testPageSegmentsAfterEachWrite() {
        var page = _TokenPage()
        func segments(_ list: (Int, Int, UInt64)...) -> [Segment] { list.map { Segment(lower: $0.0, upper: $0.1, token: $0.2) } }
        page.write(1, offset: 0, bytes: 100)
        XCTAssertEqual(page.segments, segments((0, 100, 1)))
        // Inside one segment: split in three.
        page.write(2, offset: 40, bytes: 20)
        XCTAssertEqual(page.segments, segments((0, 40, 1), (40, 60, 2), (60, 100, 1)))
        // [20, 80) covers the middle segment and cuts the two around it.
        page.write(3, offset: 20, bytes: 60)
        XCTAssertEqual(page.segments, segments((0, 20, 1), (20, 80, 3), (80, 100, 1)))
        // Adjacent, then after a gap.
        page.write(4, offset: 100, bytes: 20)
        page.write(5, offset: 150, bytes: 10)
        XCTAssertEqual(page.segments, segments((0, 20, 1), (20, 80, 3), (80, 100, 1), (100, 120, 4), (150, 160, 5)))
        // [90, 155) cuts (80, 100), swallows (100, 120) and the gap, and cuts (150, 160).
        page.write(6, offset: 90, bytes: 65)
        XCTAssertEqual(page.segments, segments((0, 20, 1), (20, 80, 3), (80, 90, 1), (90, 155, 6), (155, 160, 5)))
        // Exactly one existing segment: only its token changes.
        page.write(7, offset: 20, bytes: 60)
        XCTAssertEqual(page.segments, segments((0, 20, 1), (20, 80, 7), (80, 90, 1), (90, 155, 6), (155, 160, 5)))

        XCTAssertEqual(page.read(6, offset: 120, bytes: 30), .expected)
        XCTAssertEqual(page.read(6, offset: 150, bytes: 10), .other(token: 5, at: 155))
        XCTAssertEqual(page.read(5, offset: 155, bytes: 10), .unwritten(at: 160))
        var tokens: [UInt64] = [7]
        page.tokens(offset: 0, bytes: 200, into: &tokens)
        XCTAssertEqual(tokens, [7, 1, 6, 5], "appends only tokens not listed yet, in address order")

        // Starting where a segment starts and ending where another ends: no empty pieces.
        page.write(8, offset: 0, bytes: 10)
        page.write(9, offset: 80, bytes: 75)
        XCTAssertEqual(page.segments, segments((0, 10, 8), (10, 20, 1), (20, 80, 7), (80, 155, 9), (155, 160, 5)))
    }

    func testPagesAreAtLeast64KiBAndTheLargestBuffer() {
        XCTAssertEqual(_TokenMemory().pageBytes, 65_536)
        XCTAssertEqual(_TokenMemory(largestBuffer: 100_000).pageBytes, 100_000)
    }

    func testWritesAcrossPageBoundariesAndOnSparsePages() {
        // addressLimit 0 gives two dense pages, [0, 64 Ki) and [64 Ki, 128 Ki); pages above are sparse.
        var memory = _TokenMemory()
        let page = 65_536
        memory.write(9, offset: page - 536, bytes: 1_000)
        XCTAssertEqual(memory.read(9, offset: page - 536, bytes: 1_000), .expected)
        XCTAssertEqual(memory.read(9, offset: page, bytes: 464), .expected)
        XCTAssertEqual(memory.read(9, offset: page - 1_536, bytes: 2_000), .unwritten(at: page - 1_536))
        XCTAssertEqual(memory.read(9, offset: 2 * page, bytes: 1), .unwritten(at: 2 * page))
        // Pages 9 and 10, both sparse.
        memory.write(10, offset: 10 * page - 8, bytes: 16)
        XCTAssertEqual(memory.read(10, offset: 10 * page - 8, bytes: 16), .expected)
        XCTAssertEqual(memory.read(10, offset: 10 * page - 8, bytes: 17), .unwritten(at: 10 * page + 8))
        XCTAssertEqual(memory.read(10, offset: 11 * page, bytes: 4), .unwritten(at: 11 * page))
        XCTAssertEqual(memory.tokens(offset: 0, bytes: 12 * page), [9, 10])
    }

    /// Random writes and reads in 4 KiB granules over six 64 KiB pages (three dense, three sparse)
    /// against an array holding each granule's token: every read reports what the model's first
    /// differing granule holds, and `tokens` the model's distinct tokens in address order.
    func testRandomSequencesAgainstAByteArrayModel() {
        let granule = 4_096
        let granules = 6 * 65_536 / granule
        for seed in UInt64(0)..<60 {
            var generator = SeededGenerator(seed: seed)
            var memory = _TokenMemory(largestBuffer: 0, addressLimit: 65_536)
            var model = [UInt64](repeating: 0, count: granules)  // 0: never written
            for step in 0..<200 {
                let first = Int.random(in: 0..<granules, using: &generator)
                let count = Int.random(in: 1...min(40, granules - first), using: &generator)
                let token = UInt64.random(in: 1...4, using: &generator)
                if Int.random(in: 0..<5, using: &generator) < 3 {
                    memory.write(token, offset: first * granule, bytes: count * granule)
                    for index in first..<first + count { model[index] = token }
                    continue
                }
                var expected = _TokenMemory.Reading.expected
                for index in first..<first + count where model[index] != token {
                    expected = model[index] == 0 ? .unwritten(at: index * granule) : .other(token: model[index], at: index * granule)
                    break
                }
                let context = "seed \(seed), step \(step): \(token) over granules [\(first), \(first + count))"
                XCTAssertEqual(memory.read(token, offset: first * granule, bytes: count * granule), expected, context)
                var held: [UInt64] = []
                for value in model[first..<first + count] where value != 0 && !held.contains(value) { held.append(value) }
                XCTAssertEqual(memory.tokens(offset: first * granule, bytes: count * granule), held, context)
            }
        }
    }
}
