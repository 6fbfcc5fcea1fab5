import Foundation
import HeteroCost
import HeteroIR
import HeteroPlatform
import XCTest

/// A small platform whose numbers are chosen so that every expected cost can be worked out by
/// hand (the arithmetic is written next to each assertion):
///
/// - `cpu` (unit 0): 1000 MHz, 16 float32 MACs and 8 float32 vector operations per cycle, every
///   operator at efficiency 0.5, computes in the tensors' type (float32), submit 1 us, on `dram`.
/// - `dla` (unit 1): 1000 MHz, int8, 1024 MACs and 16 vector operations per cycle, submit 10 us,
///   sync 5 us, on `dram` with the 64 KiB local buffer `buf` (linked to dram at 8 GB/s, so it
///   streams at 8000 bytes/us, not dram's 10000); Conv (efficiency 0.5, int8 only, kernel <= 5,
///   stride <= 2), Gemm (0.25), BatchNormalization, Relu; fuses Conv > BatchNormalization > Relu
///   at efficiency 1.
/// - `dsp` (unit 2): 500 MHz, float16, 64 MACs and 32 vector operations per cycle, submit 20 us,
///   sync 10 us, computing from its own `tcm` (50 GB/s), reached from dram over two hops
///   (dram -> sram 20 GB/s, 1 us; sram -> tcm 40 GB/s, 0.5 us); Conv, Relu, Softmax (0.25) and a
///   Gemm that accepts int8 only.
/// - `dram`: unlimited, 10 GB/s = 10000 bytes/us, latency 0.5 us, 100 pJ/byte.
enum Synthetic {
    static let platformText = """
    {
      "format": "hetero-plan/platform@1",
      "name": "synthetic",
      "units": [
        {"name": "cpu", "kind": "cpu", "clock_mhz": 1000,
         "macs_per_cycle": {"float32": 16}, "vector_ops_per_cycle": {"float32": 8},
         "memory": "dram", "command_path": {"kind": "direct", "submit_us": 1, "operation_us": 1, "sync_us": 0},
         "operators": {"*": {"efficiency": 0.5}},
         "energy": {"pj_per_mac": {"float32": 4}, "pj_per_vector_op": {"float32": 1}}},
        {"name": "dla", "kind": "dla", "clock_mhz": 1000, "compute_type": "int8",
         "macs_per_cycle": {"int8": 1024}, "vector_ops_per_cycle": {"int8": 16},
         "memory": "dram", "local_memory": "buf", "can_tile": true,
         "command_path": {"kind": "driver", "submit_us": 10, "operation_us": 10, "sync_us": 5},
         "operators": {
           "Conv": {"efficiency": 0.5, "data_types": ["int8"], "max_kernel": 5, "max_stride": 2},
           "Gemm": {"efficiency": 0.25},
           "BatchNormalization": {},
           "Relu": {}
         },
         "fusion": [{"operators": ["Conv", "BatchNormalization", "Relu"], "efficiency": 1}],
         "energy": {"pj_per_mac": {"int8": 0.25}, "pj_per_vector_op": {"int8": 0.05}}},
        {"name": "dsp", "kind": "dsp", "clock_mhz": 500, "compute_type": "float16",
         "macs_per_cycle": {"float16": 64}, "vector_ops_per_cycle": {"float16": 32},
         "memory": "tcm", "command_path": {"kind": "service", "submit_us": 20, "operation_us": 20, "sync_us": 10},
         "operators": {"Conv": {}, "Relu": {}, "Softmax": {"efficiency": 0.25}, "Gemm": {"data_types": ["int8"]}}}
      ],
      "memories": [
        {"name": "dram", "kind": "dram", "capacity_bytes": "unlimited", "bandwidth_gb_s": 10, "latency_us": 0.5, "pj_per_byte": 100},
        {"name": "buf", "kind": "scratchpad", "capacity_bytes": 65536, "bandwidth_gb_s": 100, "pj_per_byte": 1},
        {"name": "sram", "kind": "sram", "capacity_bytes": 1048576, "bandwidth_gb_s": 40, "latency_us": 0.1},
        {"name": "tcm", "kind": "tcm", "capacity_bytes": 262144, "bandwidth_gb_s": 50, "pj_per_byte": 2}
      ],
      "links": [
        {"from": "dram", "to": "buf", "bandwidth_gb_s": 8, "latency_us": 1},
        {"from": "dram", "to": "sram", "bandwidth_gb_s": 20, "latency_us": 1, "pj_per_byte": 3},
        {"from": "sram", "to": "tcm", "bandwidth_gb_s": 40, "latency_us": 0.5, "pj_per_byte": 2}
      ],
      "interconnect": {"contention": false},
      "host": {"submit_us": 0, "sync_us": 0}
    }
    """

    static let cpu = 0
    static let dla = 1
    static let dsp = 2

    static func platform() throws -> Platform {
        try Platform.decode(jsonText: platformText, file: "synthetic.json")
    }
}

/// Builds float32 graphs operator by operator, filling in each operator's work figures the way
/// the importers do.
struct GraphBuilder {
    private(set) var tensors: [Tensor] = []
    private(set) var operators: [Operator] = []
    private var inputs: [String] = []
    private var byName: [String: Tensor] = [:]

    private mutating func add(_ tensor: Tensor) {
        tensors.append(tensor)
        byName[tensor.name] = tensor
    }

    /// A graph input.
    mutating func input(_ name: String, _ shape: [Int]) {
        add(Tensor(name: name, shape: shape, elementType: .float32, kind: .input))
        inputs.append(name)
    }

    /// A weight.
    mutating func constant(_ name: String, _ shape: [Int]) {
        add(Tensor(name: name, shape: shape, elementType: .float32, kind: .constant))
    }

    /// An operator writing one new activation `output` of `shape`.
    mutating func op(_ name: String, _ type: String, _ inputs: [String], _ output: String, _ shape: [Int],
                     _ attributes: [String: AttributeValue] = [:]) {
        add(Tensor(name: output, shape: shape, elementType: .float32, kind: .activation))
        var op = Operator(name: name, type: type, attributes: attributes, inputs: inputs, outputs: [output])
        // Synthetic shapes are far below SizeLimit.maximum, so work figures cannot overflow here.
        op.work = try! WorkFigures.work(of: op, inputs: inputs.map { byName[$0] }, outputs: [byName[output]!])
        operators.append(op)
    }

    func build(outputs: [String]) throws -> Graph {
        try Graph(name: "synthetic", tensors: tensors, operators: operators, inputs: inputs, outputs: outputs)
    }
}

/// Costs `graph` on the synthetic platform (or `platform`) with the standard providers.
func evaluate(_ graph: Graph, on platform: Platform? = nil, profile: CostProfile? = nil) throws -> CostEngine.Result {
    try CostEngine(platform: platform ?? Synthetic.platform(), profile: profile).evaluate(graph)
}

/// Asserts `actual` equals `expected` to 1e-9 relative (the arithmetic is exact up to rounding).
func assertClose(_ actual: Double?, _ expected: Double, _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    guard let actual else {
        XCTFail("nil, expected \(expected) \(message)", file: file, line: line)
        return
    }
    XCTAssertEqual(actual, expected, accuracy: max(1e-9, abs(expected) * 1e-9), message, file: file, line: line)
}
