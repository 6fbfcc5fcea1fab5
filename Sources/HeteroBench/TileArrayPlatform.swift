import Foundation
import HeteroPlatform

/// The synthetic platforms of `hetero-plan benchmark scaling`: one CPU and `tiles` identical
/// accelerator tiles, each with its own 32 KB data memory linked to the shared DRAM. The tile's
/// figures are one AMD AI Engine tile's (docs/platform-facts.md: 128 int8 / 32 int16 / 8 fp32
/// MACs per cycle, 32 KB data memory, 2 x 256-bit loads per cycle at 1.25 GHz); the CPU is the
/// Versal's A72 pair as `versal-vc1902` describes it. The document goes through the platform
/// loader, so loading is timed and checked as a user's file would be.
public enum TileArrayPlatform {
    /// The platform@1 document text.
    public static func json(tiles: Int) throws -> String {
        let tileOperators: [String: Any] = [
            "Conv": ["efficiency": 0.7, "data_types": ["int8", "int16", "float32"]],
            "Gemm": ["efficiency": 0.7, "data_types": ["int8", "int16", "float32"]],
            "MatMul": ["efficiency": 0.7, "data_types": ["int8", "int16", "float32"]],
            "BatchNormalization": ["efficiency": 0.5], "Relu": ["efficiency": 0.5], "Clip": ["efficiency": 0.5],
            "Add": ["efficiency": 0.5], "Sum": ["efficiency": 0.5], "Mul": ["efficiency": 0.5],
            "MaxPool": ["efficiency": 0.3], "AveragePool": ["efficiency": 0.3], "Concat": ["efficiency": 0.5],
        ]
        var units: [[String: Any]] = [[
            "name": "cpu", "kind": "cpu", "clock_mhz": 1700, "compute_type": "float32",
            "macs_per_cycle": ["float32": 16, "int8": 32], "vector_ops_per_cycle": ["float32": 16, "int8": 64],
            "memory": "dram", "command_path": ["kind": "direct", "submit_us": 1, "sync_us": 0, "operation_us": 1],
            "operators": ["*": ["efficiency": 0.5]],
        ]]
        var memories: [[String: Any]] = [[
            "name": "dram", "kind": "dram", "capacity_bytes": 8_589_934_592, "bandwidth_gb_s": 25.6, "latency_us": 0.1,
        ]]
        var links: [[String: Any]] = []
        for tile in 0..<tiles {
            let memory = "tile_mem\(tile)"
            units.append([
                "name": "tile\(tile)", "kind": "npu", "clock_mhz": 1250, "compute_type": "int8",
                "macs_per_cycle": ["int8": 128, "int16": 32, "float32": 8],
                "vector_ops_per_cycle": ["int8": 32, "int16": 16, "float32": 8],
                "memory": "dram", "local_memory": memory, "resident_memory": memory, "can_tile": true,
                "command_path": ["kind": "driver", "submit_us": 2, "sync_us": 31, "operation_us": 1],
                "operators": tileOperators,
                "fusion": [["Conv", "BatchNormalization", "Relu"], ["Conv", "Relu"], ["Add", "Relu"], ["Sum", "Relu"]],
            ])
            memories.append(["name": memory, "kind": "scratchpad", "capacity_bytes": 32_768, "bandwidth_gb_s": 80, "latency_us": 0])
            links.append(["from": "dram", "to": memory, "bandwidth_gb_s": 16, "latency_us": 0.5, "dma_engines": 2])
        }
        let document: [String: Any] = [
            "format": Platform.formatIdentifier, "name": "tiles-\(tiles)",
            "description": "benchmark scaling: one CPU and \(tiles) identical AI Engine-like tiles",
            "units": units, "memories": memories, "links": links,
            "interconnect": ["contention": true], "host": ["submit_us": 10, "sync_us": 5],
        ]
        // Sorted keys: the same document for the same count.
        let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
