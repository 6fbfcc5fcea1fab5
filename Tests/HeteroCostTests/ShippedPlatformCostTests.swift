import Foundation
import HeteroCost
import HeteroImport
import HeteroIR
import HeteroPlatform
import TestSupport
import XCTest

/// Every bundled model costs on every shipped platform: each operator runs on at least one unit
/// (otherwise `evaluate` throws naming it), and every figure is finite.
final class ShippedPlatformCostTests: XCTestCase {
    /// The shipped chip platforms' paths.
    static func platformFiles() throws -> [String] {
        try Repository.chipPlatformFiles().map(Repository.platform)
    }

    /// The chip platforms and the classic example, whose abstract units (1 MAC per cycle at
    /// 1 GHz, placeholders for task-graph costs) run every operator of an ONNX model too.
    func testEveryModelCostsOnEveryShippedPlatform() throws {
        let files = try Self.platformFiles() + [Repository.platform("examples/classic-3unit.json")]
        XCTAssertEqual(files.map { URL(fileURLWithPath: $0).lastPathComponent }, [
            "meteor-lake.json", "nvdla-full.json", "nvdla-small.json", "onnc-cpu-dsp-dla.json",
            "snapdragon-8gen2.json", "versal-vc1902.json", "classic-3unit.json",
        ])
        let platforms = try files.map { try Platform.load(path: $0) }
        for model in Repository.modelNames {
            let graph = try ModelLoader.load(path: Repository.model(model + ".onnx"))
            for platform in platforms {
                let context = "\(model) on \(platform.name)"
                let result = try CostEngine(platform: platform).evaluate(graph)
                XCTAssertEqual(result.table.operatorCount, graph.operators.count, context)
                XCTAssertEqual(result.table.unitCount, platform.units.count, context)
                for (index, row) in result.details.enumerated() {
                    XCTAssertFalse(result.table.capableUnits(index).isEmpty, context)
                    for (unit, cost) in row.enumerated() {
                        if let time = cost.timeUS {
                            XCTAssertTrue(time.isFinite && time >= 0, "\(context): \(graph.operators[index].name) on unit \(unit)")
                            XCTAssertTrue(cost.energyPJ.isFinite && cost.energyPJ >= 0, context)
                            XCTAssertNil(cost.reason, context)
                        } else {
                            XCTAssertNotNil(cost.reason, context)
                        }
                    }
                }
                for row in result.table.fusedExecUS { for share in row { if let share { XCTAssertTrue(share.isFinite && share >= 0, context) } } }
                // Only the analytic model answers for an ONNX model without a profile.
                XCTAssertEqual(Set(result.providers.flatMap { $0 }), ["analytic"], context)
            }
        }
    }

    /// Every platform gives its units energy figures and its memories a per-byte energy, so energy
    /// can be an objective; the accelerators' data types match their compute types.
    func testShippedPlatformsCarryEnergyFigures() throws {
        for file in try Self.platformFiles() {
            let platform = try Platform.load(path: file)
            for unit in platform.units {
                let energy = try XCTUnwrap(unit.energy, "\(platform.name).\(unit.name)")
                let type = try XCTUnwrap(unit.computeType, "\(platform.name).\(unit.name)")
                if !unit.macsPerCycle.isEmpty { XCTAssertNotNil(energy.pjPerMAC[type], "\(platform.name).\(unit.name)") }
                XCTAssertNotNil(energy.pjPerVectorOp[type], "\(platform.name).\(unit.name)")
            }
            for memory in platform.memories {
                XCTAssertNotNil(memory.pjPerByte, "\(platform.name).\(memory.name)")
            }
        }
    }

    /// A task graph on the classic three-unit platform uses the tasks' own costs and the 1 GB/s links.
    func testTaskGraphOnTheClassicPlatform() throws {
        let directory = try makeTemporaryDirectory()
        let path = try directory.write("tasks.json", """
        {"format": "hetero-plan/taskgraph@1",
         "tasks": [{"name": "t0", "cost_us": {"u0": 12.5, "u1": 8.0, "u2": null}},
                   {"name": "t1", "cost_us": {"u0": 30.0, "u1": 11.0, "u2": 2.5}}],
         "edges": [{"from": "t0", "to": "t1", "bytes": 4096}]}
        """)
        let graph = try ModelLoader.load(path: path)
        let platform = try Platform.load(path: Repository.platform("examples/classic-3unit.json"))
        let result = try CostEngine(platform: platform).evaluate(graph)

        XCTAssertEqual(result.table.execUS, [[12.5, 8.0, nil], [30.0, 11.0, 2.5]])
        XCTAssertEqual(result.table.reasons[0][2], "the task graph gives no cost for u2")
        XCTAssertEqual(result.providers, [["task graph", "task graph", "task graph"], ["task graph", "task graph", "task graph"]])
        XCTAssertEqual(result.details[1].map(\.bound), [.given, .given, .given])
        // 4096 bytes over one 1 GB/s link with no latency: 4.096 us; no sync on the classic model.
        assertClose(result.table.transferUS(bytes: 4096, from: 0, to: 1), 4.096)
        XCTAssertEqual(result.table.syncUS.rows, [[0, 0, 0], [0, 0, 0], [0, 0, 0]])
        XCTAssertEqual(result.composites, [])
    }

    /// A task naming a unit the platform lacks is an error naming both.
    func testTaskGraphWithAnUnknownUnit() throws {
        let graph = try Graph(name: "tasks", tensors: [], operators: [
            Operator(name: "t0", type: "Task", inputs: [], outputs: [], explicitCostsUS: ["u9": 1]),
        ], inputs: [], outputs: [])
        let platform = try Platform.load(path: Repository.platform("examples/classic-3unit.json"))
        XCTAssertThrowsError(try CostEngine(platform: platform).evaluate(graph)) { error in
            XCTAssertEqual("\(error)", "task \"t0\" gives a cost for unknown unit \"u9\" (platform units: u0, u1, u2)")
        }
    }
}
