import ArgumentParser
import HeteroPlan

/// The `--strategy` values.
enum StrategyName: String, ExpressibleByArgument, CaseIterable {
    case cpuOnly = "cpu-only"
    case fallback, greedy, heft, peft, optimize
    case ilpExact = "ilp-exact"

    var strategy: any PlanningStrategy {
        switch self {
        case .cpuOnly: return CPUOnlyStrategy()
        case .fallback: return FallbackStrategy()
        case .greedy: return GreedyStrategy()
        case .heft: return HEFTStrategy()
        case .peft: return PEFTStrategy()
        case .optimize: return OptimizeStrategy()
        case .ilpExact: return ExactILPStrategy()
        }
    }
}

extension PlanOptions.Objective: ExpressibleByArgument {}
extension PlanOptions.TieBreak: ExpressibleByArgument {}
extension PlanOptions.WindowOrdering: ExpressibleByArgument {}

extension ResidencyPolicy: ExpressibleByArgument {}
