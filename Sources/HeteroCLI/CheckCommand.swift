import ArgumentParser

/// `hetero-plan check`: validate and summarise a platform description.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a platform JSON file and print a summary."
    )

    @Argument(help: "A platform description (hetero-plan/platform@1).")
    var platform: String

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    func run() throws {
        throw ValidationError("check is wired up once the platform module lands")
    }
}
