import HeteroCost
import HeteroIR
import HeteroPlatform
import XCTest

/// Transfer and synchronisation tables built from the platform's routes.
final class TransferTests: XCTestCase {
    func testTransferOverTwoHops() throws {
        var builder = GraphBuilder()
        builder.input("x", [1, 4])
        builder.op("relu", "Relu", ["x"], "y", [1, 4])
        let table = try evaluate(builder.build(outputs: ["y"])).table
        let (cpu, dla, dsp) = (Synthetic.cpu, Synthetic.dla, Synthetic.dsp)

        // cpu (dram) -> dsp (tcm): no direct link, so dram -> sram (links[1]: 1 us, 20 GB/s) then
        // sram -> tcm (links[2]: 0.5 us, 40 GB/s): fixed 1 + 0.5 = 1.5 us; per byte
        // 1/20,000 + 1/40,000 = 0.000075 us.
        XCTAssertEqual(table.routes[cpu, dsp], [1, 2])
        XCTAssertEqual(table.routes[dsp, cpu], [2, 1])
        assertClose(table.transferFixedUS[cpu, dsp], 1.5)
        assertClose(table.transferPerByteUS[cpu, dsp], 0.000075)
        // 1,000,000 bytes: 1.5 + 75 = 76.5 us, the same both ways (bidirectional links).
        assertClose(table.transferUS(bytes: 1_000_000, from: cpu, to: dsp), 76.5)
        assertClose(table.transferUS(bytes: 1_000_000, from: dsp, to: cpu), 76.5)
        // Energy per byte: 3 pJ (dram <-> sram) + 2 pJ (sram <-> tcm).
        assertClose(table.transferEnergyPJPerByte[cpu, dsp], 5)
        XCTAssertTrue(table.needsTransfer(from: cpu, to: dsp))

        // cpu and dla both compute from dram: no transfer, only the synchronisation.
        XCTAssertFalse(table.needsTransfer(from: cpu, to: dla))
        XCTAssertEqual(table.transferUS(bytes: 1_000_000, from: cpu, to: dla), 0)
        XCTAssertEqual(table.routes[cpu, dla], [])
        // Sync when execution passes from a to b: a's completion path (dla 5 us, dsp 10 us, cpu 0).
        XCTAssertEqual(table.syncUS[dla, cpu], 5)
        XCTAssertEqual(table.syncUS[dsp, dla], 10)
        XCTAssertEqual(table.syncUS[cpu, dsp], 0)
        XCTAssertEqual(table.syncUS[dsp, dsp], 0)

        XCTAssertEqual(table.unitMemory, [0, 0, 3])
        XCTAssertEqual(table.memoryNames, ["dram", "buf", "sram", "tcm"])
        XCTAssertEqual(table.memoryCapacity, [nil, 65536, 1_048_576, 262_144])
        XCTAssertEqual(table.linkEngines, [1, 1, 1])
        XCTAssertFalse(table.contention)
    }
}

/// An array's unit pairs are stored per class: one memory class for tiles computing from DRAM,
/// one synchronisation class per command queue; spill copies follow the platform's routes.
final class ArrayPairTableTests: XCTestCase {
    func testTilesShareOneTransferClassAndTheirQueue() throws {
        let json = """
            {"format": "hetero-plan/platform@1", "name": "grid",
             "units": [{"name": "cpu", "kind": "cpu", "clock_mhz": 1000, "memory": "dram", "vector_ops_per_cycle": {"float32": 8},
                        "command_path": {"kind": "direct", "submit_us": 0, "sync_us": 0}, "operators": {"*": {}}}],
             "memories": [{"name": "dram", "kind": "dram", "capacity_bytes": 1073741824, "bandwidth_gb_s": 25.6}],
             "arrays": [{"name": "aie", "rows": 2, "columns": 3,
                 "tile": {"kind": "npu", "clock_mhz": 1250, "macs_per_cycle": {"int8": 128}, "vector_ops_per_cycle": {"float32": 8}, "memory": "dram",
                          "command_path": {"kind": "driver", "submit_us": 2, "sync_us": 31, "queue": "array"},
                          "operators": {"Relu": {}}},
                 "tile_memory": {"kind": "scratchpad", "capacity_bytes": 32768, "bandwidth_gb_s": 80},
                 "interface": {"memory": "dram", "bandwidth_gb_s": 10, "latency_us": 0.5, "dma_engines": 2},
                 "neighbour_memory": {"directions": ["north"], "bandwidth_gb_s": 80},
                 "cascade": {"direction": "east", "bandwidth_gb_s": 60}}],
             "interconnect": {"contention": true}, "host": {"submit_us": 0, "sync_us": 0}}
            """
        let platform = try Platform.decode(jsonText: json, file: "grid.json")
        var builder = GraphBuilder()
        builder.input("x", [1, 4])
        builder.op("relu", "Relu", ["x"], "y", [1, 4])
        let table = try CostEngine(platform: platform).evaluate(builder.build(outputs: ["y"])).table
        XCTAssertEqual(table.transferFixedUS.classCount, 1, "every unit computes from DRAM")
        XCTAssertEqual(table.routes.classCount, 1)
        XCTAssertEqual(table.syncUS.classCount, 2, "the CPU's queue and the array's")
        for a in 0..<7 {
            for b in 0..<7 {
                XCTAssertEqual(table.transferUS(bytes: 4096, from: a, to: b), 0)
                XCTAssertEqual(table.routes[a, b], [])
                XCTAssertEqual(table.syncUS[a, b], a != 0 && b == 0 ? 31 : 0, "\(a) -> \(b)")
            }
        }
        // 7 units, 42 ordered pairs of distinct units; sync 31 from each of 6 tiles to the CPU.
        XCTAssertEqual(table.syncUS.sumOverDistinctPairs, 6 * 31)
        // A spill copy from a tile memory to DRAM: the interface link, 0.5 us + bytes / 10 GB/s.
        let tileMemory = try XCTUnwrap(table.memoryNames.firstIndex(of: "aie_r1_c2_mem"))
        XCTAssertEqual(try XCTUnwrap(table.memoryTransferUS(bytes: 10_000, from: tileMemory, to: 0)), 1.5, accuracy: 1e-12)
        // Between tiles: the cascade east (60 GB/s), one hop.
        let east = try XCTUnwrap(table.memoryNames.firstIndex(of: "aie_r0_c1_mem"))
        let west = try XCTUnwrap(table.memoryNames.firstIndex(of: "aie_r0_c0_mem"))
        XCTAssertEqual(try XCTUnwrap(table.memoryTransferUS(bytes: 60_000, from: west, to: east)), 1, accuracy: 1e-12)
    }
}
