import Foundation
import HeteroPlatform
import HeteroSupport
import XCTest

/// Shared documents and helpers for the platform tests.
enum PlatformFixtures {
    static let shippedFiles = [
        "onnc-cpu-dsp-dla.json", "nvdla-small.json", "nvdla-full.json", "meteor-lake.json", "versal-vc1902.json",
        "snapdragon-8gen2.json", "examples/classic-3unit.json", "examples/classic-8unit.json",
        "arrays/versal-vc1902-tiles.json",
    ]

    /// A small valid platform: a CPU on DRAM, a DSP on its TCM, a DLA on its buffer; the DSP and
    /// DLA memories hang off DRAM.
    static let tiny = """
    {
      "format": "hetero-plan/platform@1",
      "name": "tiny",
      "units": [
        {"name": "cpu", "kind": "cpu", "clock_mhz": 1000, "memory": "dram",
         "command_path": {"kind": "direct", "submit_us": 0, "sync_us": 0},
         "operators": {"*": {}}},
        {"name": "dsp", "kind": "dsp", "clock_mhz": 800, "memory": "tcm",
         "command_path": {"kind": "service", "submit_us": 100, "sync_us": 20},
         "operators": {"Softmax": {"efficiency": 0.5}, "Relu": {}},
         "fusion": [["Relu", "Softmax"]]},
        {"name": "dla", "kind": "dla", "clock_mhz": 1000, "memory": "dla_buf",
         "command_path": {"kind": "driver", "submit_us": 30, "sync_us": 10},
         "operators": {"Conv": {"efficiency": 0.8}, "Relu": {}}}
      ],
      "memories": [
        {"name": "dram", "kind": "dram", "capacity_bytes": 1073741824, "bandwidth_gb_s": 25.6},
        {"name": "tcm", "kind": "tcm", "capacity_bytes": 262144, "bandwidth_gb_s": 100},
        {"name": "dla_buf", "kind": "scratchpad", "capacity_bytes": 524288, "bandwidth_gb_s": 64}
      ],
      "links": [
        {"from": "dram", "to": "tcm", "bandwidth_gb_s": 12.8, "latency_us": 1, "dma_engines": 2},
        {"from": "dram", "to": "dla_buf", "bandwidth_gb_s": 25.6, "latency_us": 1}
      ],
      "interconnect": {"contention": true},
      "host": {"submit_us": 0, "sync_us": 0}
    }
    """

    /// `tiny` with each `(old, new)` replacement applied; fails the test when `old` is not there,
    /// so a fixture edit cannot silently stop testing anything.
    static func tiny(_ edits: (String, String)..., file: StaticString = #filePath, line: UInt = #line) -> String {
        var text = tiny
        for (old, new) in edits {
            XCTAssertNotNil(text.range(of: old), "fixture does not contain \(old)", file: file, line: line)
            text = text.replacingOccurrences(of: old, with: new)
        }
        return text
    }

    /// The problems decoding `text` reports, as `path: message` lines; empty when it decodes.
    static func problems(_ text: String) -> [String] {
        do {
            _ = try Platform.decode(jsonText: text, file: "t.json")
            return []
        } catch {
            if case .invalid(_, _, let problems) = error { return problems.map(\.description) }
            return ["not a validation error: \(error)"]
        }
    }
}
