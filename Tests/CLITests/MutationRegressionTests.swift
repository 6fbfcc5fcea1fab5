import Foundation
import TestSupport
import XCTest

/// The crashes the reader mutation run (`ReaderMutationTests`) found, or that reading the shape
/// rules it pointed at showed, each kept as a case: before the fix each trapped (arithmetic
/// overflow, a Double too large for Int), hung or exited 1; now each is bad input, exit 2 naming
/// the file, the node and what was wrong. The ONNX fixtures are made by
/// `Scripts/make_mutation_fixtures.py` (`Tests/Fixtures/Mutations`).
final class MutationRegressionTests: XCTestCase {
    var directory: TemporaryDirectory!

    override func setUpWithError() throws {
        directory = try makeTemporaryDirectory()
    }

    func fixture(_ name: String) -> String { Repository.path("Tests/Fixtures/Mutations/\(name).onnx") }

    /// Shape rules and work figures combining dimensions with 64-bit attributes or constant inputs.
    func testOverflowingShapeArithmeticIsBadInputNamingTheNode() throws {
        let expected = [
            "lstm_hidden_size": #"LSTM "lstm": gates × hidden_size overflows (4 × 4611686018427387904)"#,
            "conv_dilation": #"Conv "conv": the dilated kernel overflows (2 × 4611686018427387904)"#,
            "conv_pads": #"Conv "conv": the padded input overflows (8 + 4611686018427387904 + 4611686018427387904)"#,
            "conv_transpose_stride": #"ConvTranspose "deconv": stride × input overflows (4611686018427387904 × 7)"#,
            "pool_stride_ceil": #"MaxPool "pool": the ceil-mode span overflows (6 + 9223372036854775807 + -1)"#,
            "depth_to_space_blocksize": #"DepthToSpace "d2s": blocksize² overflows (4294967296 × 4294967296)"#,
            "split_num_outputs": #"Split "split": cannot split into 4611686018427387904 parts (the node has 2 outputs)"#,
            "slice_step_min": #"Slice "slice": slice step must not be 0 or -2^63, got -9223372036854775808"#,
            "pad_sum": #"Pad "pad": the padded dimension overflows (8 + 4611686018427387904 + 4611686018427387904)"#,
            "resize_sizes_ratio": #"Resize "resize": sizes [9223372036854775807, 8] give an impossible size"#,
            // Work figures (operations per element from an attribute).
            "lrn_size": #"the work of LRN "lrn" exceeds 2^53 elements, bytes or operations"#,
            "roialign_sampling_ratio": #"the work of RoiAlign "roi" exceeds 2^53 elements, bytes or operations"#,
        ]
        for (name, message) in expected.sorted(by: { $0.key < $1.key }) {
            let model = fixture(name)
            let result = try CLI.run(["inspect", model])
            XCTAssertEqual(result.status, 2, "\(name): \(result.stderr)")
            XCTAssertTrue(result.stderr.hasPrefix("error: \(model): "), "\(name): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(message), "\(name): expected \(message) in \(result.stderr)")
        }
    }

    /// JSON graph numbers past Int's range where the reader makes integers (an attribute list,
    /// a constant's values) trapped converting the Double; now an attribute list of such numbers
    /// is floats (refused by the shape rule that needs integers) and a constant value is refused.
    func testJSONGraphNumbersPastIntAreBadInput() throws {
        let graph = { (kernel: String, values: String) in
            """
            {"format": "hetero-plan/graph@1", "name": "g",
             "inputs": [{"name": "x", "shape": [1, 3, 8, 8]}],
             "constants": [{"name": "s", "shape": [2], "type": "int64", "values": \(values)}],
             "operators": [{"name": "pool", "type": "MaxPool", "inputs": ["x"], "outputs": ["p"], "attributes": {"kernel_shape": \(kernel)}},
                           {"name": "flat", "type": "Reshape", "inputs": ["p", "s"], "outputs": ["y"]}],
             "outputs": ["y"]}
            """
        }
        let attribute = try directory.write("attribute.json", graph("[-1e308, 2]", "[1, 147]"))
        let refused = try CLI.run(["inspect", attribute])
        XCTAssertEqual(refused.status, 2, refused.stderr)
        XCTAssertTrue(refused.stderr.hasPrefix("error: \(attribute)"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains(#"MaxPool "pool": kernel_shape is required and must have 2 entries"#), refused.stderr)
        let values = try directory.write("values.json", graph("[2, 2]", "[1, 1e300]"))
        let refusedValues = try CLI.run(["inspect", values])
        XCTAssertEqual(refusedValues.status, 2, refusedValues.stderr)
        XCTAssertTrue(refusedValues.stderr.contains("constants[0].values[1]: expected a whole number of magnitude below 9e15, found 1e+300"),
                      refusedValues.stderr)
    }

    /// A task-graph edge of Int64.max bytes trapped converting the Double; now it is refused with
    /// its JSON path, as is any edge above the 2^53 bytes a tensor may hold.
    func testTaskGraphEdgeBytesPastTheLimitAreBadInput() throws {
        let graph = try directory.write("tasks.json", """
            {"format": "hetero-plan/taskgraph@1", "tasks": [{"name": "a", "cost_us": {"cpu": 1}}, {"name": "b", "cost_us": {"cpu": 1}}],
             "edges": [{"from": "a", "to": "b", "bytes": 9223372036854775807}]}
            """)
        let result = try CLI.run(["inspect", graph])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.hasPrefix("error: \(graph): invalid task graph"), result.stderr)
        XCTAssertTrue(result.stderr.contains("edges[0].bytes: 9.223372036854776e+18 bytes is more than the 2^53 a tensor may hold"),
                      result.stderr)
    }

    /// A profiler file whose times overflow the mean (10^307 ms, two 10^308 µs) exited 1 from the
    /// JSON encoder; now the measurement is refused with its line or JSON path, and nothing is written.
    func testProfileTimesPastTheLimitAreRefusedWithTheirPlace() throws {
        let model = Repository.path("Tests/Fixtures/Profiles/model.onnx")
        let output = directory.path("profile.json")
        let csv = try directory.write("huge.csv", "layerName;execStatus;layerType;execType;realTime (ms);cpuTime (ms)\n"
                                      + "pool1;EXECUTED;MaxPool;jit;1e307;0.010\n")
        let fromCSV = try CLI.run(["profile", "import", csv, "--model", model, "--unit", "pcores", "--format", "openvino", "-o", output])
        XCTAssertEqual(fromCSV.status, 2, fromCSV.stderr)
        XCTAssertEqual(fromCSV.stderr, "error: \(csv):2: layer \"pool1\": realTime (ms) 1e307 is more than the 1000000000 ms a measurement may take\n")
        let trace = try directory.write("huge.json", #"[{"cat": "Node", "name": "pool1_kernel_time", "dur": 1e308}, "#
                                        + #"{"cat": "Node", "name": "pool1_kernel_time", "dur": 1e308}]"#)
        let fromTrace = try CLI.run(["profile", "import", trace, "--model", model, "--unit", "pcores", "-o", output])
        XCTAssertEqual(fromTrace.status, 2, fromTrace.stderr)
        XCTAssertTrue(fromTrace.stderr.hasPrefix("error: \(trace): invalid ONNX Runtime profile (2 problems):"), fromTrace.stderr)
        XCTAssertTrue(fromTrace.stderr.contains(#"[0].dur: "pool1_kernel_time" lasts 1e+308 µs, more than the 1000000000000 µs a measurement may take"#),
                      fromTrace.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
    }
}
