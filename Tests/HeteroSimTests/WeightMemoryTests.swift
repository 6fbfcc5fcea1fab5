import HeteroCost
import HeteroImport
import HeteroIR
import HeteroPlan
import HeteroPlatform
import HeteroRecords
import HeteroSim
import TestSupport
import XCTest

/// A unit whose activations live in a fast SRAM (`memory`) and whose weights come from a slow
/// DRAM (`weight_memory`): the cost model streams the weights from the DRAM, the planner's
/// contention model charges them there, and the simulator, reading the platform's
/// `weight_memory` itself, charges them there too, so a plan that charged them to the SRAM is
/// caught.
final class WeightMemoryTests: XCTestCase {
    /// `npu` computes from `sram` (100 GB/s) and, with `weightsFromDRAM`, reads its weights from
    /// `dram` (1 GB/s = 1,000 bytes/us); `cpu` computes from `dram`. Contention on.
    static func platform(weightsFromDRAM: Bool) throws -> Platform {
        let weights = weightsFromDRAM ? "\"weight_memory\": \"dram\", " : ""
        return try Platform.decode(jsonText: """
            {"format": "hetero-plan/platform@1", "name": "two-memories",
             "units": [
               {"name": "cpu", "kind": "cpu", "clock_mhz": 1000, "macs_per_cycle": {"float32": 16}, "vector_ops_per_cycle": {"float32": 16},
                "memory": "dram", "command_path": {"kind": "direct", "submit_us": 0, "sync_us": 0}, "operators": {"*": {}}},
               {"name": "npu", "kind": "npu", "clock_mhz": 1000, "compute_type": "int8",
                "macs_per_cycle": {"int8": 1024}, "vector_ops_per_cycle": {"int8": 64},
                "memory": "sram", \(weights)"command_path": {"kind": "direct", "submit_us": 0, "sync_us": 0}, "operators": {"*": {}}}],
             "memories": [
               {"name": "dram", "kind": "dram", "capacity_bytes": "unlimited", "bandwidth_gb_s": 1},
               {"name": "sram", "kind": "sram", "capacity_bytes": 67108864, "bandwidth_gb_s": 100}],
             "links": [{"from": "dram", "to": "sram", "bandwidth_gb_s": 1}],
             "interconnect": {"contention": true}, "host": {"submit_us": 0, "sync_us": 0}}
            """, file: "two-memories.json")
    }

    static let dramBytesPerUS = 1000.0

    static func plan(_ graph: Graph, _ platform: Platform) throws -> PlanPipeline.Outcome {
        var options = PlanOptions()
        options.fallbackPriority = ["npu", "cpu"]
        return try PlanPipeline.run(graph: graph, platform: platform, strategy: FallbackStrategy(), options: options)
    }

    func testWeightsStreamFromTheWeightMemory() throws {
        let graph = try ModelLoader.load(path: Repository.model("light_squeezenet.onnx"))
        let one = try CostEngine(platform: Self.platform(weightsFromDRAM: false)).evaluate(graph).details
        let two = try CostEngine(platform: Self.platform(weightsFromDRAM: true)).evaluate(graph).details
        let npu = 1
        var weighted = 0
        var (oneTotal, twoTotal) = (0.0, 0.0)
        for (index, op) in graph.operators.enumerated() where one[index][npu].canRun && one[index][npu].bound != .view {
            let hasWeights = op.inputs.contains { graph.tensorIndex[$0].map { graph.tensors[$0].kind == .constant } ?? false }
            XCTAssertNil(one[index][npu].weightBytes, "no weight memory: weights are in bytes")
            let weightBytes = try XCTUnwrap(two[index][npu].weightBytes, op.name)
            // The same traffic, split between the two memories.
            XCTAssertEqual(Double(weightBytes + two[index][npu].bytes), Double(one[index][npu].bytes), accuracy: 1, op.name)
            guard hasWeights else {
                XCTAssertEqual(weightBytes, 0, op.name)
                continue
            }
            weighted += 1
            XCTAssertGreaterThan(weightBytes, 0, op.name)
            // The weights take at least their bytes at DRAM's 1,000 bytes/us; on SRAM they took 1/100 of that.
            let time = try XCTUnwrap(two[index][npu].timeUS)
            XCTAssertGreaterThanOrEqual(time, Double(weightBytes) / Self.dramBytesPerUS, op.name)
            XCTAssertGreaterThanOrEqual(time, try XCTUnwrap(one[index][npu].timeUS), op.name)
            oneTotal += try XCTUnwrap(one[index][npu].timeUS)
            twoTotal += time
        }
        XCTAssertEqual(weighted, 26, "SqueezeNet's convolutions")
        XCTAssertGreaterThan(twoTotal, 2 * oneTotal, "the memory-bound convolutions wait for DRAM")
    }

    func testPlanChargesWeightsToTheWeightMemoryAndTheSimulatorAgrees() throws {
        let graph = try ModelLoader.load(path: Repository.model("light_squeezenet.onnx"))
        let platform = try Self.platform(weightsFromDRAM: true)
        let outcome = try Self.plan(graph, platform)
        let sram = try Self.plan(graph, Self.platform(weightsFromDRAM: false))
        let table = outcome.costs.table
        let npu = try XCTUnwrap(table.unitNames.firstIndex(of: "npu"))
        XCTAssertEqual(table.unitWeightMemory[npu].map { table.memoryNames[$0] }, "dram")
        let onNPU = outcome.document.operators.filter { $0.unit == "npu" }
        XCTAssertEqual(onNPU.count, graph.operators.count, "every operator on the npu")
        // Serial on one unit: the plan is at least its weights' bytes over DRAM's bandwidth.
        let weightBytes = table.weightBytes.reduce(0) { $0 + $1[npu] }
        XCTAssertGreaterThan(outcome.document.summary.makespanUS, Double(weightBytes) / Self.dramBytesPerUS)
        XCTAssertGreaterThan(outcome.document.summary.makespanUS, 2 * sram.document.summary.makespanUS)
        let result = try Simulator.run(outcome.document, graph: graph, platform: platform, costs: table).result
        XCTAssertTrue(result.contention)
        XCTAssertEqual(result.makespanUS, result.predictedMakespanUS, accuracy: 1e-6 * result.predictedMakespanUS)
    }

    /// A planner that took the weights from the SRAM (its cost table computed without
    /// `weight_memory`) predicts a fast plan; the simulator reads the platform's weight memory and
    /// streams them from DRAM under contention, so the plan takes far longer than predicted.
    func testAPlanChargingWeightsToTheWrongMemoryIsCaught() throws {
        let graph = try ModelLoader.load(path: Repository.model("light_squeezenet.onnx"))
        let wrong = try Self.plan(graph, Self.platform(weightsFromDRAM: false))
        let platform = try Self.platform(weightsFromDRAM: true)
        let result = try Simulator.run(wrong.document, graph: graph, platform: platform, costs: wrong.costs.table).result
        XCTAssertGreaterThan(result.makespanUS, 2 * result.predictedMakespanUS,
                             "simulated \(result.makespanUS) us against \(result.predictedMakespanUS) us predicted")
        // The same plan checked against the platform it was made for matches.
        let own = try Simulator.run(wrong.document, graph: graph, platform: Self.platform(weightsFromDRAM: false), costs: wrong.costs.table).result
        XCTAssertEqual(own.makespanUS, own.predictedMakespanUS, accuracy: 1e-6 * own.predictedMakespanUS)
    }
}
