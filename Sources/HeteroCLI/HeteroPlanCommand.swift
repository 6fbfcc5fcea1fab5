import ArgumentParser
import Foundation
import HeteroPlan
import HeteroSim
import HeteroSupport

/// The `hetero-plan` command line.
public struct HeteroPlanCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "hetero-plan",
        abstract: "Place, schedule and validate neural-network operators on heterogeneous SoCs.",
        discussion: """
            Models are ONNX files or JSON graphs (hetero-plan/graph@1, hetero-plan/taskgraph@1); \
            platforms are JSON files (hetero-plan/platform@1, see Platforms/platform.schema.json).
            Exit status: 0 success, 1 an internal error (please report it), 2 bad input, 3 an invalid plan (simulate, or plan's own check).
            """,
        subcommands: [InspectCommand.self, CheckCommand.self, CostCommand.self, PlanCommand.self, SimulateCommand.self, ExportCommand.self,
                      BenchmarkCommand.self, ExploreCommand.self, MergeCommand.self, ProfileCommand.self]
    )

    public init() {}

    /// Runs the command line and returns the process exit status (see `outcome(of:)`).
    public static func run(arguments: [String]) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch {
            let (status, message) = outcome(of: error)
            if status == 0 { print(message) } else if !message.isEmpty { StandardError.write(message + "\n") }
            return status
        }
    }

    /// The exit status and message for an error that ended a command: 2 for bad input
    /// (unreadable or invalid files, bad options, usage errors), 3 for a plan the simulator found
    /// invalid, 1 for the planner's own failures and anything unexpected (with a request to
    /// report it), 0 for help and version requests.
    public static func outcome(of error: any Error) -> (status: Int32, message: String) {
        switch error {
        case let error as PlanError where error.isInternal:
            return (1, "error: \(error)\nThis is a bug in hetero-plan, not in your input: please report it with the command line and the files it names.")
        case let error as OwnPlanRejected:
            return (3, "error: \(error)")
        case let error as BadInput:
            return (2, "error: \(error)")
        case let violation as SimulationViolation:
            return (3, "\(violation)")
        case let error as ExitCode:
            return (error.rawValue, "")
        default:
            let code = exitCode(for: error)
            return (code == .validationFailure ? 2 : code.rawValue, fullMessage(for: error))
        }
    }
}
