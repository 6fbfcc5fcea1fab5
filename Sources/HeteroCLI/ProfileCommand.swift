import ArgumentParser
import HeteroCost
import HeteroImport
import HeteroSupport

/// `hetero-plan profile`: work with measured latencies (`hetero-plan/profile@1`).
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Work with measured latencies (hetero-plan/profile@1).",
        subcommands: [ImportCommand.self]
    )
}

extension ProfileImport.Format: ExpressibleByArgument {}

extension ProfileCommand {
    /// `hetero-plan profile import`: convert a profiler's output into a profile for one unit.
    struct ImportCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Convert an ONNX Runtime profile (enable_profiling JSON) or an OpenVINO benchmark_app "
                + "detailed_counters CSV into hetero-plan/profile@1 for one unit.",
            discussion: """
                Nodes are matched to the model's operators by name; a node measured several times (several runs or \
                infer requests) gets the mean. The summary lists the measured nodes that are not operators of the model \
                and the operators that no measurement names.
                """
        )

        @Argument(help: "The profiler's file.")
        var file: String

        @Option(help: "The model the profile measured (its operator names are matched).")
        var model: String

        @Option(name: .customLong("input-shape"), help: ArgumentHelp(
            "Shape of a graph input of the model, as NAME=d0,d1,... (repeatable).", valueName: "NAME=DIMS"))
        var inputShapes: [String] = []

        @Option(help: "The platform unit the measurements were taken on.")
        var unit: String

        @Option(help: "The profiler: ort (ONNX Runtime JSON) or openvino (benchmark_app detailed_counters CSV).")
        var format: ProfileImport.Format = .ort

        @Option(name: .shortAndLong, help: "The profile file to write.")
        var output: String

        func run() throws {
            var files = OutputFiles()
            files.add(output, option: "--output")
            try files.check()
            let graph = try ModelLoader.load(path: model, inputShapes: try InputShapes.parse(inputShapes))
            let imported = try ProfileImport.read(file: file, format: format, unit: unit, graph: graph)
            guard !imported.profile.entries.isEmpty else {
                throw ProfileImportError.noTimings(file: file, expected: "nodes named as the operators of \(model) "
                    + "(measured: \(imported.unmatchedNodes.prefix(5).joined(separator: ", ")))")
            }
            try OutputFiles.write([(output, try imported.profile.jsonDocument() + "\n")])
            print(Self.summary(imported, unit: unit, output: output))
        }

        /// What was imported and what was not.
        static func summary(_ imported: ProfileImport, unit: String, output: String) -> String {
            let measurements = imported.measurementCounts.reduce(0, +)
            var lines = ["\(output): \(imported.profile.entries.count) operators measured on \(unit) "
                         + "(\(measurements) measurements averaged)"]
            if !imported.renamedLayers.isEmpty {
                lines.append("renamed layers matched (\(imported.renamedLayers.count)): "
                             + imported.renamedLayers.sorted { $0.key < $1.key }.map { "\($0.key) -> \($0.value)" }.joined(separator: ", "))
            }
            if !imported.notRunOperators.isEmpty {
                lines.append("not run, measured at 0 us (fused into another layer or optimised out) (\(imported.notRunOperators.count)): "
                             + imported.notRunOperators.joined(separator: ", "))
            }
            lines.append("unmatched nodes (\(imported.unmatchedNodes.count)): "
                         + (imported.unmatchedNodes.isEmpty ? "none" : imported.unmatchedNodes.joined(separator: ", ")))
            lines.append("operators without a measurement (\(imported.unmeasuredOperators.count)): "
                         + (imported.unmeasuredOperators.isEmpty ? "none" : imported.unmeasuredOperators.joined(separator: ", ")))
            return lines.joined(separator: "\n")
        }
    }
}
