import HeteroCost
import HeteroIR
import HeteroPlatform
import HeteroSupport
import XCTest

/// Measured latencies replace modelled costs; bad profiles are reported like bad platforms.
final class ProfileTests: XCTestCase {
    /// conv (Conv), then two Relus of different shapes.
    static func graph() throws -> Graph {
        var builder = GraphBuilder()
        builder.input("x", [1, 16, 32, 32])
        builder.constant("w", [32, 16, 3, 3])
        builder.op("conv", "Conv", ["x", "w"], "y", [1, 32, 32, 32], ["pads": .ints([1, 1, 1, 1])])
        builder.op("relu_a", "Relu", ["y"], "a", [1, 32, 32, 32])
        builder.op("relu_b", "Relu", ["x"], "b", [1, 16, 32, 32])
        return try builder.build(outputs: ["a", "b"])
    }

    static func decode(_ text: String, graph: Graph? = nil) throws -> CostProfile {
        try CostProfile.decode(JSONParser.parse(text), file: "profile.json", platform: Synthetic.platform(), graph: graph)
    }

    func testMeasuredLatenciesReplaceTheModelByNameAndByTypeAndShapes() throws {
        let graph = try Self.graph()
        let profile = try Self.decode("""
        {"format": "hetero-plan/profile@1", "entries": [
          {"operator": "conv", "unit": "dsp", "latency_us": 42},
          {"type": "Relu", "input_shapes": [[1, 32, 32, 32]], "unit": "cpu", "latency_us": 7},
          {"type": "Relu", "unit": "cpu", "latency_us": 99},
          {"type": "Relu", "unit": "dla", "latency_us": 5},
          {"operator": "relu_b", "unit": "dla", "latency_us": 4}
        ]}
        """, graph: graph)
        let modelled = try evaluate(graph)
        let result = try evaluate(graph, profile: profile)
        let (conv, reluA, reluB) = (0, 1, 2)

        // By name on dsp; the other units of conv stay modelled (590.824 us on the cpu, worked
        // out in AnalyticCostTests).
        XCTAssertEqual(result.details[conv][Synthetic.dsp].timeUS, 42)
        XCTAssertEqual(result.details[conv][Synthetic.dsp].bound, .measured)
        // A profile measures time only: the energy is the model's (215,040 pJ, AnalyticCostTests).
        assertClose(result.details[conv][Synthetic.dsp].energyPJ, 215_040)
        XCTAssertEqual(result.table.energyPJ[conv][Synthetic.dsp], modelled.table.energyPJ[conv][Synthetic.dsp])
        XCTAssertEqual(result.providers[conv], ["analytic", "analytic", "profile"])
        assertClose(result.details[conv][Synthetic.cpu].timeUS, 590.824)
        // By type: the shape-specific entry wins for relu_a, the general one applies to relu_b.
        XCTAssertEqual(result.table.execUS[reluA][Synthetic.cpu], 7)
        XCTAssertEqual(result.table.execUS[reluB][Synthetic.cpu], 99)
        // A by-name entry wins over a by-type one.
        XCTAssertEqual(result.table.execUS[reluA][Synthetic.dla], 5)
        XCTAssertEqual(result.table.execUS[reluB][Synthetic.dla], 4)
        // Unmeasured pairs keep the modelled cost.
        XCTAssertEqual(result.table.execUS[reluA][Synthetic.dsp], modelled.table.execUS[reluA][Synthetic.dsp])
        XCTAssertEqual(result.providers[reluA], ["profile", "profile", "analytic"])
        XCTAssertEqual(modelled.providers.flatMap { $0 }.filter { $0 != "analytic" }, [])
    }

    private func assertProblems(_ text: String, graph: Graph? = nil, _ expected: [String], line: UInt = #line) {
        do {
            _ = try Self.decode(text, graph: graph)
            XCTFail("decoded", line: line)
        } catch let error as InputError {
            guard case .invalid(let file, let what, let problems) = error else {
                return XCTFail("\(error)", line: line)
            }
            XCTAssertEqual(file, "profile.json", line: line)
            XCTAssertEqual(what, "profile", line: line)
            XCTAssertEqual(problems.map(\.description), expected, line: line)
        } catch {
            XCTFail("\(error)", line: line)
        }
    }

    private func entries(_ body: String) -> String {
        "{\"format\": \"hetero-plan/profile@1\", \"entries\": [\(body)]}"
    }

    func testFormatHeader() {
        assertProblems("{\"entries\": []}", ["format: missing required key (a profile file starts with \"format\": \"hetero-plan/profile@1\")"])
        assertProblems("{\"format\": \"hetero-plan/profile@2\", \"entries\": []}",
                       ["format: unsupported version \"hetero-plan/profile@2\"; this hetero-plan reads \"hetero-plan/profile@1\""])
        assertProblems("{\"format\": \"hetero-plan/platform@1\", \"entries\": []}",
                       ["format: expected \"hetero-plan/profile@1\", found \"hetero-plan/platform@1\"; is this a profile file?"])
        assertProblems("[1]", ["(top level): expected an object, found an array"])
    }

    func testEntryProblemsAreAllReportedWithTheirPaths() throws {
        let graph = try Self.graph()
        assertProblems(entries("""
        {"operator": "conv", "unit": "dlx", "latency_us": -1},
        {"type": 3, "unit": "cpu", "latency_us": 2, "latency": 1},
        {"unit": "cpu", "latency_us": 1},
        {"operator": "conv", "type": "Conv", "unit": "cpu", "latency_us": 1},
        {"type": "Conv", "input_shapes": [[1, 2.5], 7], "unit": "cpu", "latency_us": 1},
        {"operator": "cnv", "unit": "cpu", "latency_us": 1},
        {"type": "Softmax", "unit": "dla", "latency_us": 1},
        {"operator": "relu_a", "unit": "dsp", "latency_us": 1},
        {"operator": "relu_a", "unit": "dsp", "latency_us": 2},
        "conv"
        """), graph: graph, [
            "entries[0].unit: unknown unit \"dlx\" (did you mean \"dla\"?)",
            "entries[0].latency_us: must be zero or positive, found -1",
            "entries[1].type: expected a string, found a number",
            "entries[1].latency: unknown key \"latency\" (did you mean \"latency_us\"?)",
            "entries[2]: an entry needs \"operator\" (a name) or \"type\"",
            "entries[3]: give either \"operator\" or \"type\" (with optional \"input_shapes\"), not both",
            "entries[4].input_shapes[0][1]: expected a whole number, found 2.5",
            "entries[4].input_shapes[1]: expected an array of dimensions, found a number",
            "entries[5].operator: no operator \"cnv\" in model synthetic (did you mean \"conv\"?)",
            "entries[6].unit: unit \"dla\" does not support Softmax; a measurement replaces a cost but does not make an operator placeable (list it in the platform first)",
            "entries[8]: duplicates the entry at entries[7]",
            "entries[9]: expected an object, found a string",
        ])
    }

    func testUnknownUnitWithoutACloseNameListsTheUnits() {
        assertProblems(entries("{\"type\": \"Relu\", \"unit\": \"npu0\", \"latency_us\": 1}"),
                       ["entries[0].unit: unknown unit \"npu0\" (units: cpu, dla, dsp)"])
    }

    func testLoadReportsUnreadableAndSyntaxErrors() throws {
        let platform = try Synthetic.platform()
        XCTAssertThrowsError(try CostProfile.load(path: "/nonexistent/profile.json", platform: platform)) { error in
            XCTAssertEqual("\(error)", "/nonexistent/profile.json: cannot read the file: no such file")
        }
    }
}
