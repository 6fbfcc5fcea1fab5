import ArgumentParser
import HeteroIR
import HeteroSupport

/// `hetero-plan inspect`: what a model contains and how much work it is.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print a model's operators by type, MACs, weight and activation bytes, and its tensors' inferred shapes."
    )

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    @Flag(help: "Also list every tensor with its inferred shape, element type, bytes and producer (the JSON form always does).")
    var tensors = false

    func run() throws {
        let graph = try modelOptions.load()
        let report = ModelReport(graph: graph)
        switch format {
        case .table: print(report.table(tensors: tensors), terminator: "")
        case .json: print(try JSONOutput.encode(report))
        }
    }
}
