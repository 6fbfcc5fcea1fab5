import ArgumentParser
import HeteroPlatform
import HeteroSupport

/// `hetero-plan check`: validate and summarise a platform description.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a platform JSON file and print a summary (numbers without a source note are warned about)."
    )

    @Argument(help: "A platform description (hetero-plan/platform@1).")
    var platform: String

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    func run() throws {
        let summary = try Platform.check(path: platform).summary
        switch format {
        case .table: print(summary.description)
        case .json: print(try JSONOutput.encode(summary))
        }
    }
}
