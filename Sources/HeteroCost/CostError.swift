import HeteroSupport

/// Why costs could not be computed.
public enum CostError: BadInput, Equatable {
    case unknownUnitInModel(operator: String, unit: String, units: [String])
    case runsNowhere(operator: String, reasons: [String])
    case noRoute(from: String, to: String)

    public var description: String {
        switch self {
        case .unknownUnitInModel(let op, let unit, let units):
            return "task \"\(op)\" gives a cost for unknown unit \"\(unit)\" (platform units: \(units.joined(separator: ", ")))"
        case .runsNowhere(let op, let reasons):
            return "\(op) cannot run on any unit of the platform: " + reasons.joined(separator: "; ")
        case .noRoute(let from, let to):
            return "no link route from memory \(from) to memory \(to)"
        }
    }
}
