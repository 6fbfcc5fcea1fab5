import HeteroCost
import HeteroImport
import HeteroIR
import HeteroPlan
import HeteroPlatform
import HeteroRecords
import HeteroSim
import TestSupport
import XCTest

/// On-chip buffers hold the padded tensors: Meteor Lake's NPU pads the channels of its
/// convolutions' and pools' activations to 16 (`channel_alignment`), so an activation it keeps in
/// CMX takes the padded bytes there — in the plan's buffers and in the simulator's own check,
/// which rejects a plan that sizes such a buffer unpadded.
final class PaddedBufferTests: XCTestCase {
    /// MobileNet-v2 (float unless `model` says otherwise) on the NPU (fallback npu, shave;
    /// contention off), with the platform's channel alignment or without it.
    private func plan(aligned: Bool, model: String = "light_mobilenet_v2.onnx") throws -> (PlanPipeline.Outcome, Graph, Platform) {
        let graph = try ModelLoader.load(path: Repository.path("Tests/Fixtures/ONNX/" + model))
        var platform = try Platform.load(path: Repository.platform("meteor-lake.json"))
        platform.interconnect.contention = false
        if !aligned, let npu = platform.units.firstIndex(where: { $0.name == "npu" }) { platform.units[npu].channelAlignment = nil }
        var options = PlanOptions()
        options.fallbackPriority = ["npu", "shave"]
        return (try PlanPipeline.run(graph: graph, platform: platform, strategy: FallbackStrategy(), options: options), graph, platform)
    }

    /// CMX buffers of 4-D activations with `channels` channels, by tensor name.
    private func cmxBuffers(_ planned: (PlanPipeline.Outcome, Graph, Platform), channels: Int) -> [String: PlanDocument.Buffer] {
        let graph = planned.1
        var found: [String: PlanDocument.Buffer] = [:]
        for buffer in planned.0.document.buffers where buffer.memory == "cmx" {
            guard let shape = graph.tensor(named: buffer.tensor)?.shape, shape.count == 4, shape[1] == channels else { continue }
            found[buffer.tensor] = buffer
        }
        return found
    }

    func testA24ChannelActivationTakes32ChannelsInCMX() throws {
        let aligned = try plan(aligned: true)
        let plain = try plan(aligned: false)
        let padded = cmxBuffers(aligned, channels: 24)
        let unpadded = cmxBuffers(plain, channels: 24)
        XCTAssertFalse(padded.isEmpty, "MobileNet-v2's 24-channel bottleneck activations stay in CMX")
        for (name, buffer) in padded {
            let shape = try XCTUnwrap(aligned.1.tensor(named: name)?.shape)
            // fp32 in the model, kept in the FP16 NPU's type: 2 bytes per element, 32 channels.
            XCTAssertEqual(buffer.bytes, 2 * shape[0] * 32 * shape[2] * shape[3], name)
            if let plainBuffer = unpadded[name] {
                XCTAssertEqual(plainBuffer.bytes, 2 * shape[0] * 24 * shape[2] * shape[3], "\(name) without channel_alignment")
                XCTAssertEqual(buffer.bytes * 24, plainBuffer.bytes * 32, name)
            }
        }
        XCTAssertFalse(Set(padded.keys).isDisjoint(with: unpadded.keys))
        // 16-aligned activations (32 channels) are stored as they are.
        for (name, buffer) in cmxBuffers(aligned, channels: 32) {
            let shape = try XCTUnwrap(aligned.1.tensor(named: name)?.shape)
            XCTAssertEqual(buffer.bytes, 2 * shape[0] * 32 * shape[2] * shape[3], name)
        }
        // The same activations stay on chip; their buffers take the padded channels' bytes more
        // (MobileNet-v2's CMX peak is at 16-aligned layers: it may not move).
        let cmx = { (planned: (PlanPipeline.Outcome, Graph, Platform)) in planned.0.document.buffers.filter { $0.memory == "cmx" } }
        XCTAssertEqual(Set(cmx(aligned).map(\.tensor)), Set(cmx(plain).map(\.tensor)))
        // Only the 24-channel activations are off the multiple of 16: 8 of their 32 channels are padding.
        let extra = cmx(aligned).filter { aligned.1.tensor(named: $0.tensor)?.shape.map { $0.count == 4 && $0[1] == 24 } == true }.reduce(0) { $0 + $1.bytes / 4 }
        XCTAssertEqual(cmx(aligned).reduce(0) { $0 + $1.bytes }, cmx(plain).reduce(0) { $0 + $1.bytes } + extra)
        let peak = { (planned: (PlanPipeline.Outcome, Graph, Platform)) in planned.0.document.memories.first { $0.name == "cmx" }?.peakBytes ?? 0 }
        XCTAssertGreaterThanOrEqual(peak(aligned), peak(plain))
        let result = try Simulator.run(aligned.0.document, graph: aligned.1, platform: aligned.2, costs: aligned.0.costs.table).result
        assertMatchesPrediction(result, "MobileNet-v2 on the NPU with padded CMX buffers")
    }

    /// A hand-edited plan claiming a 24-channel activation's unpadded size in CMX is rejected by
    /// the simulator's own padding arithmetic (`buffer-too-small`, exit 3 on the command line).
    func testSimulatorRejectsAnUnpaddedBufferInCMX() throws {
        let aligned = try plan(aligned: true)
        var document = aligned.0.document
        let index = try XCTUnwrap(document.buffers.firstIndex { buffer in
            buffer.memory == "cmx" && aligned.1.tensor(named: buffer.tensor)?.shape.map { $0.count == 4 && $0[1] == 24 } == true
        })
        let name = document.buffers[index].tensor
        document.buffers[index].bytes = document.buffers[index].bytes / 32 * 24
        XCTAssertThrowsError(try Simulator.run(document, graph: aligned.1, platform: aligned.2, costs: aligned.0.costs.table)) { error in
            guard let violation = error as? SimulationViolation else { return XCTFail("expected a violation, got \(error)") }
            XCTAssertEqual(violation.kind, .bufferTooSmall)
            XCTAssertEqual(violation.tensor, name)
            XCTAssertEqual(violation.memory, "cmx")
        }
    }

    /// QDQ MobileNet-v2: the quantized 3-channel image the first convolution reads from CMX is
    /// stored with 4 channels (the compressed convolution, not 16); the simulator rejects it at 3.
    func testQuantizedImageInputTakesFourChannelsInCMX() throws {
        let aligned = try plan(aligned: true, model: "qdq_mobilenet_v2.onnx")
        var document = aligned.0.document
        let index = try XCTUnwrap(document.buffers.firstIndex { $0.memory == "cmx" && $0.tensor == "input_QuantizeLinear_Output" })
        let shape = try XCTUnwrap(aligned.1.tensor(named: "input_QuantizeLinear_Output")?.shape)
        XCTAssertEqual(shape[1], 3)
        XCTAssertEqual(document.buffers[index].bytes, shape[0] * 4 * shape[2] * shape[3], "int8, 4 channels")
        assertMatchesPrediction(try Simulator.run(document, graph: aligned.1, platform: aligned.2, costs: aligned.0.costs.table).result,
                                "QDQ MobileNet-v2 on the NPU")
        document.buffers[index].bytes = shape[0] * 3 * shape[2] * shape[3]
        XCTAssertThrowsError(try Simulator.run(document, graph: aligned.1, platform: aligned.2, costs: aligned.0.costs.table)) { error in
            XCTAssertEqual((error as? SimulationViolation)?.kind, .bufferTooSmall, "\(error)")
        }
    }
}
