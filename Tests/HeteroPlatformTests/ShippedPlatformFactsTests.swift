import HeteroPlatform
import TestSupport
import XCTest

/// The shipped real-chip platforms say what docs/platform-facts.md and issue 3 promise.
final class ShippedPlatformFactsTests: XCTestCase {
    private func load(_ file: String) throws -> Platform {
        try Platform.load(path: Repository.platform(file))
    }

    func testNVDLASmall() throws {
        let platform = try load("nvdla-small.json")
        XCTAssertEqual(platform.units.map(\.name), ["cpu", "dla"])
        let dla = try XCTUnwrap(platform.unit(named: "dla"))
        XCTAssertEqual(dla.macsPerCycle[.int8], 64)
        XCTAssertNil(dla.macsPerCycle[.float16], "nv_small computes in INT8 only")
        XCTAssertEqual(platform.memory(named: "cbuf")?.capacityBytes, 128 * 1024)
        // No element-wise or LUT stage in SDP: these stay on the CPU.
        for type in ["Add", "Sum", "Mul", "Sigmoid", "Tanh", "Softmax"] {
            XCTAssertNil(dla.support(for: type), type)
            XCTAssertEqual(platform.units(supporting: type).map(\.name), ["cpu"], type)
        }
        for type in ["Conv", "Gemm", "BatchNormalization", "Relu", "MaxPool", "AveragePool", "LRN"] {
            XCTAssertNotNil(dla.support(for: type), type)
        }
        // No BDMA, no second SRAM: one link, the 64-bit primary interface at 1 GHz.
        XCTAssertEqual(platform.links.map(\.label), ["dram <-> cbuf"])
        XCTAssertEqual(platform.links[0].bandwidthGBs, 8)
        XCTAssertEqual(platform.memories.map(\.kind), [.dram, .scratchpad])
    }

    func testNVDLAFullSubEngines() throws {
        let platform = try load("nvdla-full.json")
        XCTAssertEqual(platform.units.map(\.name), ["cpu", "conv", "sdp", "pdp", "cdp", "rubik"])
        XCTAssertEqual(platform.units.dropFirst().map(\.kind), [.dla, .dla, .dla, .dla, .dla])
        let conv = try XCTUnwrap(platform.unit(named: "conv"))
        XCTAssertEqual(conv.peakMACsPerSecond(.int8), 2.048e12)
        XCTAssertEqual(conv.macsPerCycle[.float16], 1024)
        XCTAssertEqual(conv.localMemory, "cbuf")
        XCTAssertEqual(platform.memory(named: "cbuf")?.capacityBytes, 512 * 1024)
        XCTAssertEqual(platform.units(supporting: "LRN").map(\.name), ["cpu", "cdp"])
        XCTAssertEqual(platform.units(supporting: "Sigmoid").map(\.name), ["cpu", "sdp"])
        XCTAssertEqual(platform.units(supporting: "Softmax").map(\.name), ["cpu"])
        XCTAssertEqual(platform.units(supporting: "MaxPool").map(\.name), ["cpu", "conv", "pdp"])
        // CONV -> SDP -> PDP without a DRAM round trip.
        XCTAssertTrue(conv.fusionPatterns.contains { $0.operators == ["Conv", "BatchNormalization", "Relu", "MaxPool"] })
        // BDMA moves DRAM <-> SRAM; every sub-engine can use the optional SRAM.
        let bdma = try XCTUnwrap(platform.links.first { $0.label == "dram <-> sram" })
        XCTAssertEqual(bdma.dmaEngines, 1)
        XCTAssertEqual(platform.units(attachedTo: "sram"), ["conv", "sdp", "pdp", "cdp", "rubik"])
    }

    func testMeteorLake() throws {
        let platform = try load("meteor-lake.json")
        XCTAssertEqual(platform.units.map(\.name), ["pcores", "ecores", "gpu", "npu", "shave"])
        XCTAssertEqual(platform.units.map(\.kind), [.cpu, .cpu, .gpu, .npu, .dsp])
        // Both NCE tiles (2 x 2048 int8 MACs) as one unit; both tiles' CMX (2 x 1,982,464 B) holds activations.
        XCTAssertEqual(platform.unit(named: "npu")?.macsPerCycle[.int8], 4096)
        XCTAssertEqual(platform.memory(named: "cmx")?.capacityBytes, 2 * 1_982_464)
        XCTAssertEqual(platform.units(attachedTo: "cmx"), ["npu", "shave"])
        XCTAssertEqual(platform.unit(named: "npu")?.residentMemory, "cmx")
        XCTAssertEqual(platform.unit(named: "npu")?.commandPath.queue, platform.unit(named: "shave")?.commandPath.queue)
        XCTAssertEqual(platform.memory(named: "dram")?.bandwidthGBs, 119)
        XCTAssertEqual(platform.unit(named: "npu")?.commandPath.kind, .doorbell)
        XCTAssertNil(platform.supports(unit: "npu", operatorType: "Softmax"))
        XCTAssertNotNil(platform.supports(unit: "shave", operatorType: "Softmax"))
        // Per-operation device costs from sources (Platforms/published-figures.md 12): the mean
        // barrier gap of Intel's recorded NPU37XX profile, and npu-nn-cost-model's median
        // intercept of a one-input SHAVE kernel on VPU 2.7.
        XCTAssertEqual(platform.unit(named: "npu")?.commandPath.operationUS, 0.63)
        XCTAssertEqual(platform.unit(named: "shave")?.commandPath.operationUS, 2.95)
    }

    func testVersalAggregatesTheAIEngineArray() throws {
        let platform = try load("versal-vc1902.json")
        let quarters = platform.units.filter { $0.name.hasPrefix("aie") }
        XCTAssertEqual(quarters.count, 4)
        // 4 quarters x 100 tiles x 128 int8 MACs = the array's 400 x 128.
        XCTAssertEqual(quarters.compactMap { $0.macsPerCycle[.int8] }.reduce(0, +), 400 * 128)
        for quarter in quarters {
            XCTAssertEqual(platform.memory(named: quarter.localMemory ?? "")?.capacityBytes, 100 * 32 * 1024)
        }
        XCTAssertTrue(platform.description?.contains("four aggregate units") ?? false)
        XCTAssertEqual(platform.unit(named: "apu")?.kind, .cpu)
    }

    func testSnapdragon() throws {
        let platform = try load("snapdragon-8gen2.json")
        XCTAssertEqual(platform.units.map(\.name), ["cpu_prime", "cpu_perf", "cpu_eff", "gpu", "hvx", "htp"])
        XCTAssertEqual(platform.unit(named: "cpu_prime")?.clockMHz, 3200)
        XCTAssertEqual(platform.units(attachedTo: "vtcm"), ["hvx", "htp"])
        XCTAssertNotNil(platform.unit(named: "htp")?.macsPerCycle[.int4])
        XCTAssertEqual(platform.unit(named: "hvx")?.commandPath.kind, .service)
    }

    /// Qualcomm AI Hub measured a whole 108-layer inference on the S23's NPU in 152 us
    /// (quic/ai-hub-models @ 660512ac, mediapipe_face FaceLandmarkDetector w8a8, TFLite), its
    /// FastRPC round trip included: the fixed costs the platform charges such an inference on
    /// either Hexagon unit (host start and collect, one submission, 108 operations, one sync)
    /// cannot exceed it.
    func testSnapdragonFixedCostsFitAIHubsFastestInference() throws {
        let platform = try load("snapdragon-8gen2.json")
        for name in ["hvx", "htp"] {
            let path = try XCTUnwrap(platform.unit(named: name)?.commandPath, name)
            let fixed = platform.host.submitUS + platform.host.syncUS + path.submitUS + path.syncUS + 108 * path.operationUS
            XCTAssertLessThanOrEqual(fixed, 152, "\(name): \(fixed) us of fixed cost for a 108-layer inference AI Hub ran in 152 us")
        }
    }

    /// Every CPU unit runs every operator, so every model runs somewhere on every platform.
    func testEveryPlatformHasACPUThatRunsEverything() throws {
        for file in PlatformFixtures.shippedFiles where !file.hasPrefix("examples/") {
            let platform = try load(file)
            XCTAssertTrue(platform.units.contains { $0.kind == .cpu && $0.operators[OperatorSupport.wildcard] != nil }, file)
            XCTAssertEqual(platform.name + ".json", file.split(separator: "/").last.map(String.init))
        }
    }
}
