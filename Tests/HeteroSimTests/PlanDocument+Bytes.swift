import Foundation
import HeteroRecords
import XCTest

extension PlanDocument {
    /// The plan's JSON with sorted keys and without its wall-clock `timings`: what two runs of a
    /// deterministic plan must agree on byte for byte.
    func deterministicBytes() throws -> Data {
        var plan = self
        plan.timings = nil
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(plan)
    }
}
