import HeteroCost
import HeteroImport
import HeteroIR
@testable import HeteroPlan
import HeteroPlatform
import TestSupport
import XCTest

/// The derived indexes the planner's hot paths read instead of recomputing (planning time,
/// Results/planning-time.md): each must say exactly what the definition it stands for says.
final class PlanProblemIndexTests: XCTestCase {
    /// ResNet-50's problem on every shipped chip platform.
    private func problems() throws -> [(String, PlanProblem)] {
        let graph = try ModelLoader.load(path: Repository.model("light_resnet50.onnx"))
        return try Repository.chipPlatformFiles().map { file in
            let platform = try Platform.load(path: Repository.platform(file))
            return (file, try PlanProblem(graph: graph, costs: CostEngine(platform: platform).evaluate(graph).table))
        }
    }

    /// The list scheduler's compressed rows hold each operator's incoming edges and successors,
    /// in the same order as `incoming` and `successors`.
    func testCompressedRowsAreTheAdjacency() throws {
        let (_, problem) = try XCTUnwrap(problems().first)
        XCTAssertEqual(problem.incomingStart.count, problem.operatorCount + 1)
        XCTAssertEqual(problem.successorStart.count, problem.operatorCount + 1)
        for op in 0..<problem.operatorCount {
            XCTAssertEqual(Array(problem.incomingEdges[problem.incomingStart[op]..<problem.incomingStart[op + 1]]), problem.incoming[op], "operator \(op)")
            XCTAssertEqual(Array(problem.successorList[problem.successorStart[op]..<problem.successorStart[op + 1]]), problem.successors[op], "operator \(op)")
        }
        XCTAssertEqual(problem.incomingEdges.count, problem.edges.count)
    }

    /// `canPrefetch` checks one weight (`prefetchCandidate`) where it used to build every candidate
    /// of the weight's reader: it must agree with the reader's candidates (`prefetchCandidates`)
    /// and the memory's capacity, for every weight and unit, and both answers must occur.
    func testCanPrefetchIsTheReadersCandidateThatFits() throws {
        var yes = 0, no = 0
        for (file, problem) in try problems() {
            let costs = problem.costs
            for tensor in problem.graph.tensors.indices where problem.graph.producer[tensor] == nil {
                for unit in 0..<problem.unitCount {
                    let readers = problem.graph.consumers[tensor]
                    let candidate = readers.count == 1
                        ? problem.prefetchCandidates(readers[0], on: unit).first { $0.tensor == tensor } : nil
                    let expected = candidate.map { candidate in costs.memoryCapacity[candidate.toMemory].map { candidate.bytes <= $0 } ?? true } ?? false
                    // The candidate's definition from the cost table alone: a weight of the reader's
                    // residency cost there, read by it alone, whole, with a route to the resident memory.
                    if readers.count == 1, let resident = costs.residentMemory[unit], let cost = costs.residency[readers[0]][unit],
                       cost.weights.contains(where: { $0.tensor == tensor }) {
                        let bytes = costs.storedBytes(problem.graph.tensors[tensor], on: unit)
                        let copy = costs.memoryTransferUS(bytes: bytes, from: costs.unitMemory[unit], to: resident)
                        XCTAssertEqual(candidate != nil, bytes > 0 && Double(bytes) <= cost.fixedBytes + 1 && copy != nil,
                                       "\(file): weight \(tensor) on \(costs.unitNames[unit])")
                    } else {
                        XCTAssertNil(candidate, "\(file): weight \(tensor) on \(costs.unitNames[unit])")
                    }
                    XCTAssertEqual(problem.canPrefetch(tensor, on: unit), expected, "\(file): weight \(tensor) on \(costs.unitNames[unit])")
                    if readers.count == 1 {
                        XCTAssertEqual(problem.prefetchCandidate(tensor, readBy: readers[0], on: unit), candidate,
                                       "\(file): weight \(tensor) on \(costs.unitNames[unit])")
                    }
                    if expected { yes += 1 } else { no += 1 }
                }
            }
        }
        XCTAssertGreaterThan(yes, 0, "no weight could be prefetched anywhere: the check saw nothing")
        XCTAssertGreaterThan(no, 0)
    }

    /// One capacity rule (`fitsResidentMemory`): an activation larger than a unit's resident
    /// memory is neither resident there under any assignment (`isResident`) nor counted on chip
    /// by the bound (`couldBeOnChip`); one that fits and is no graph output is counted on chip.
    func testResidencyAndTheBoundShareTheCapacityRule() throws {
        var tooLarge = 0, fitting = 0
        for (file, problem) in try problems() {
            for unit in 0..<problem.unitCount {
                guard let memory = problem.costs.residentMemory[unit] else { continue }
                let everywhere = [Int](repeating: unit, count: problem.operatorCount)
                for tensor in problem.graph.tensors.indices where problem.graph.producer[tensor] != nil && !problem.isOutput[tensor] {
                    let fits = problem.fitsResidentMemory(tensor, memory)
                    // The rule from the cost table alone: the alias root's fewest stored bytes on any unit.
                    let root = problem.graph.tensors[problem.graph.aliasRoot[tensor]]
                    let smallest = (0..<problem.unitCount).map { problem.costs.storedBytes(root, on: $0) }.min()!
                    XCTAssertEqual(fits, problem.costs.memoryCapacity[memory].map { smallest <= $0 } ?? true,
                                   "\(file): tensor \(tensor) in \(problem.costs.memoryNames[memory])")
                    XCTAssertEqual(problem.couldBeOnChip(tensor, on: unit), fits, "\(file): tensor \(tensor) on \(problem.costs.unitNames[unit])")
                    if !fits { XCTAssertFalse(problem.isResident(tensor, everywhere), "\(file): tensor \(tensor) on \(problem.costs.unitNames[unit])") }
                    if fits { fitting += 1 } else { tooLarge += 1 }
                }
            }
        }
        XCTAssertGreaterThan(tooLarge, 0, "no activation exceeded a resident memory: the rule was not exercised")
        XCTAssertGreaterThan(fitting, 0)
    }
}
