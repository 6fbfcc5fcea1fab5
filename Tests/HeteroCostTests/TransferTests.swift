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
        XCTAssertEqual(table.routes[cpu][dsp], [1, 2])
        XCTAssertEqual(table.routes[dsp][cpu], [2, 1])
        assertClose(table.transferFixedUS[cpu][dsp], 1.5)
        assertClose(table.transferPerByteUS[cpu][dsp], 0.000075)
        // 1,000,000 bytes: 1.5 + 75 = 76.5 us, the same both ways (bidirectional links).
        assertClose(table.transferUS(bytes: 1_000_000, from: cpu, to: dsp), 76.5)
        assertClose(table.transferUS(bytes: 1_000_000, from: dsp, to: cpu), 76.5)
        // Energy per byte: 3 pJ (dram <-> sram) + 2 pJ (sram <-> tcm).
        assertClose(table.transferEnergyPJPerByte[cpu][dsp], 5)
        XCTAssertTrue(table.needsTransfer(from: cpu, to: dsp))

        // cpu and dla both compute from dram: no transfer, only the synchronisation.
        XCTAssertFalse(table.needsTransfer(from: cpu, to: dla))
        XCTAssertEqual(table.transferUS(bytes: 1_000_000, from: cpu, to: dla), 0)
        XCTAssertEqual(table.routes[cpu][dla], [])
        // Sync when execution passes from a to b: a's completion path (dla 5 us, dsp 10 us, cpu 0).
        XCTAssertEqual(table.syncUS[dla][cpu], 5)
        XCTAssertEqual(table.syncUS[dsp][dla], 10)
        XCTAssertEqual(table.syncUS[cpu][dsp], 0)
        XCTAssertEqual(table.syncUS[dsp][dsp], 0)

        XCTAssertEqual(table.unitMemory, [0, 0, 3])
        XCTAssertEqual(table.memoryNames, ["dram", "buf", "sram", "tcm"])
        XCTAssertEqual(table.memoryCapacity, [nil, 65536, 1_048_576, 262_144])
        XCTAssertEqual(table.linkEngines, [1, 1, 1])
        XCTAssertFalse(table.contention)
    }
}
