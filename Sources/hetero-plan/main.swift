import Foundation
import HeteroCLI

exit(HeteroPlanCommand.run(arguments: Array(CommandLine.arguments.dropFirst())))
