import HeteroPlan
import HeteroSim
import XCTest

/// Plans with memory spills (stores and reloads) run exactly as predicted with contention off,
/// and their copies are validated like transfers.
final class SpillEquivalenceTests: XCTestCase {
    func testSpilledPlansMatchPrediction() throws {
        var spilledPlans = 0
        var copies = 0
        for seed in 0..<14 as Range<UInt64> {
            guard let planned = try Fixtures.classicWithSpills(tasks: 20 + Int(seed % 3) * 8, seed: seed) else { continue }
            guard !planned.plan.copies.isEmpty else { continue }
            spilledPlans += 1
            copies += planned.plan.copies.count
            let result: SimulationResult
            do {
                result = try planned.simulate()
            } catch {
                XCTFail("seed \(seed): \(error)")
                continue
            }
            assertMatchesPrediction(result, "seed \(seed)")
            for (op, simulated) in result.operators.enumerated() {
                XCTAssertEqual(simulated.start.microseconds, planned.plan.startUS[op], accuracy: 1e-6, "seed \(seed) op \(op)")
            }
            // Stores run when planned; a reload may start earlier than the planner's just-in-time
            // start (as soon as its store, its consumer's other inputs and its addresses are
            // ready) but arrives by the time its consumer starts.
            for (index, copy) in planned.plan.copies.enumerated() {
                let simulated = result.copies[index]
                switch copy.kind {
                case .store:
                    XCTAssertEqual(simulated.start.microseconds, copy.startUS, accuracy: 1e-6, "seed \(seed) store \(index)")
                    XCTAssertEqual(simulated.arrival.microseconds, copy.finishUS, accuracy: 1e-6, "seed \(seed) store \(index)")
                case .reload:
                    XCTAssertLessThanOrEqual(simulated.start.microseconds, copy.startUS + 1e-6, "seed \(seed) reload \(index)")
                    let consumer = try XCTUnwrap(copy.consumer)
                    XCTAssertLessThanOrEqual(simulated.arrival, result.operators[consumer].start, "seed \(seed) reload \(index)")
                }
            }
            // No memory ever holds more than its capacity.
            for memory in result.memories {
                if let capacity = memory.capacityBytes { XCTAssertLessThanOrEqual(memory.peakAddress, capacity, "seed \(seed) \(memory.name)") }
            }
        }
        XCTAssertGreaterThanOrEqual(spilledPlans, 4, "enough instances spill to mean something")
        print("spilled plans: \(spilledPlans), copies: \(copies)")
    }

    func testDroppingAReloadIsDetected() throws {
        var checked = 0
        for seed in 0..<30 as Range<UInt64> where checked < 3 {
            guard var planned = try Fixtures.classicWithSpills(tasks: 24, seed: seed),
                  let reload = planned.plan.copies.firstIndex(where: { $0.kind == .reload }) else { continue }
            planned.plan.copies.remove(at: reload)
            XCTAssertThrowsError(try planned.simulate(), "seed \(seed)") { error in
                let kind = (error as? SimulationViolation)?.kind
                XCTAssertTrue(kind == .missingInput || kind == .staleInput, "seed \(seed): \(error)")
            }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 0)
    }
}
