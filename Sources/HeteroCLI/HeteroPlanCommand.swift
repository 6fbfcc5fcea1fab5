import ArgumentParser
import Foundation
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
            Exit status: 0 success, 2 bad input, 3 an invalid plan (simulate, or plan's own check).
            """,
        subcommands: [InspectCommand.self, CheckCommand.self, CostCommand.self, PlanCommand.self, SimulateCommand.self,
                      BenchmarkCommand.self, ExploreCommand.self, MergeCommand.self]
    )

    public init() {}

    /// Runs the command line and returns the process exit status: 0 on success, 2 for bad input
    /// (unreadable or invalid files, bad options, usage errors), 3 for a plan the simulator
    /// found invalid, 1 for anything unexpected.
    public static func run(arguments: [String]) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let error as BadInput {
            StandardError.write("error: \(error)\n")
            return 2
        } catch let violation as SimulationViolation {
            StandardError.write("\(violation)\n")
            return 3
        } catch let error as ExitCode {
            return error.rawValue
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(message)
                return 0
            }
            StandardError.write(message + "\n")
            return code == .validationFailure ? 2 : code.rawValue
        }
    }
}
