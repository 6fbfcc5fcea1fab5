import HeteroPlan
import HeteroSim
import XCTest

/// Every mutation of a valid plan is detected, with the right kind of violation.
final class FaultInjectionTests: XCTestCase {
    typealias Mutation = (name: String, mutate: @Sendable (PlannedCase) -> PlannedCase?, kind: SimulationViolation.Kind)

    static let mutations: [Mutation] = [
        ("swap two dependent operators", FaultInjection.swapDependentOperators, .dependencyNotMet),
        ("drop a transfer", FaultInjection.dropTransfer, .missingInput),
        ("make two live buffers overlap", FaultInjection.overlapLiveBuffers, .bufferOverlap),
        ("shrink a memory below the peak", FaultInjection.shrinkMemory, .capacityExceeded),
        ("move an operator to an incapable unit", FaultInjection.moveToIncapableUnit, .unsupportedOperator),
        ("create a cyclic wait", FaultInjection.cyclicWait, .deadlock),
    ]

    /// Applies every mutation that fits; returns how many did.
    func check(_ planned: PlannedCase, _ context: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        XCTAssertNoThrow(try planned.simulate(), "\(context): the unmutated plan must be valid", file: file, line: line)
        var applied: [String] = []
        for mutation in Self.mutations {
            guard let mutated = mutation.mutate(planned) else { continue }
            applied.append(mutation.name)
            do {
                let result = try mutated.simulate()
                XCTFail("\(context): \(mutation.name) went undetected (makespan \(result.makespanUS))", file: file, line: line)
            } catch {
                XCTAssertEqual(error.kind, mutation.kind, "\(context): \(mutation.name): \(error)", file: file, line: line)
            }
        }
        return applied
    }

    func testEveryMutationOfRandomTaskGraphsIsDetected() throws {
        var covered = Set<String>()
        for seed in 0..<20 as Range<UInt64> {
            let planned = try Fixtures.classic(tasks: 12 + Int(seed) * 3, seed: seed)
            covered.formUnion(check(planned, "seed \(seed)"))
        }
        XCTAssertEqual(covered, Set(Self.mutations.map(\.name)), "every mutation applied to some instance")
    }

    func testEveryMutationOfPlansWithMemorySpillsIsDetected() throws {
        var covered = Set<String>()
        var spilled = 0
        for seed in 0..<14 as Range<UInt64> {
            guard let planned = try Fixtures.classicWithSpills(tasks: 20 + Int(seed % 3) * 8, seed: seed), !planned.plan.copies.isEmpty else { continue }
            spilled += 1
            covered.formUnion(check(planned, "spilled seed \(seed)"))
        }
        XCTAssertGreaterThan(spilled, 0)
        XCTAssertEqual(covered, Set(Self.mutations.map(\.name)), "every mutation applied to some spilled plan")
    }

    func testEveryMutationOfResNetOnTheONNCPlatformIsDetected() throws {
        for contention in [false, true] {
            let planned = try Fixtures.model("light_resnet50", contention: contention)
            let applied = check(planned, "resnet50 contention \(contention)")
            // The platform computes everything from DRAM: no transfers to drop.
            XCTAssertEqual(Set(applied), Set(Self.mutations.map(\.name)).subtracting(["drop a transfer"]))
        }
    }

    func testViolationReportNamesTimeUnitOperatorAndTensor() throws {
        let planned = try Fixtures.model("light_squeezenet", contention: false)
        let mutated = try XCTUnwrap(FaultInjection.swapDependentOperators(planned))
        XCTAssertThrowsError(try mutated.simulate()) { error in
            guard let violation = error as? SimulationViolation else { return XCTFail("\(error)") }
            XCTAssertEqual(violation.kind, .dependencyNotMet)
            XCTAssertNotNil(violation.unit)
            XCTAssertNotNil(violation.operator)
            XCTAssertNotNil(violation.tensor)
            XCTAssertTrue(violation.description.hasPrefix("invalid plan: dependency-not-met at "), violation.description)
            XCTAssertTrue(violation.description.contains("expected: "), violation.description)
        }
    }
}
