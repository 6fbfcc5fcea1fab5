import HeteroCost
import HeteroIR
import HeteroRecords
import HeteroSupport

/// Affinity pins: operators the user fixes to a unit (`--pin NODE=UNIT`, `--pin-type TYPE=UNIT`,
/// a constraints file). They are applied to the cost table before any strategy runs — a pinned
/// operator can run only on its unit — so every strategy honours them and the optimizer still
/// places everything else. A node pin overrides a type pin for that node.
public struct AffinityPins: Sendable, Equatable {
    /// One pin: a node name or an operator type, its unit, and where it was given (for messages).
    public struct Pin: Sendable, Equatable {
        public var target: String
        public var unit: String
        /// `--pin conv1=dla`, or `constraints.json: $.pins[2]`.
        public var source: String

        public init(target: String, unit: String, source: String) {
            self.target = target
            self.unit = unit
            self.source = source
        }
    }

    public private(set) var nodes: [Pin] = []
    public private(set) var types: [Pin] = []

    public init() {}

    public var isEmpty: Bool { nodes.isEmpty && types.isEmpty }

    /// Adds a node pin; pinning one node to two units is an error naming both.
    public mutating func pinNode(_ pin: Pin) throws(PinError) {
        try Self.add(pin, to: &nodes, describing: "node \"\(pin.target)\"")
    }

    /// Adds a type pin; pinning one type to two units is an error naming both.
    public mutating func pinType(_ pin: Pin) throws(PinError) {
        try Self.add(pin, to: &types, describing: "type \"\(pin.target)\"")
    }

    private static func add(_ pin: Pin, to pins: inout [Pin], describing target: String) throws(PinError) {
        if let other = pins.first(where: { $0.target == pin.target }) {
            guard other.unit == pin.unit else {
                throw .conflict(target: target, first: (other.source, other.unit), second: (pin.source, pin.unit))
            }
            return
        }
        pins.append(pin)
    }

    /// Names of the operators of `graph` a pin names, by node or by type (`LayerSplitting` leaves
    /// them whole, so that the pins still name them).
    public func targets(in graph: Graph) -> Set<String> {
        let types = Set(self.types.map(\.target))
        return Set(nodes.map(\.target)).union(graph.operators.filter { types.contains($0.type) }.map(\.name))
    }

    /// The unit each operator is pinned to (node pins over type pins), with the pin.
    ///
    /// - Throws: `PinError` for a node or type the graph lacks or a unit `unitNames` lacks.
    public func resolve(graph: Graph, unitNames: [String]) throws(PinError) -> [Int: (unit: Int, pin: Pin)] {
        var resolved: [Int: (unit: Int, pin: Pin)] = [:]
        func unit(of pin: Pin) throws(PinError) -> Int {
            guard let index = unitNames.firstIndex(of: pin.unit) else {
                throw .unknownUnit(source: pin.source, unit: pin.unit, known: unitNames)
            }
            return index
        }
        let types = Set(graph.operators.map(\.type))
        for pin in self.types {
            guard types.contains(pin.target) else { throw .unknownType(source: pin.source, type: pin.target, known: types.sorted()) }
            let index = try unit(of: pin)
            for (op, node) in graph.operators.enumerated() where node.type == pin.target { resolved[op] = (index, pin) }
        }
        let byName = Dictionary(graph.operators.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        for pin in nodes {
            guard let op = byName[pin.target] else {
                throw .unknownNode(source: pin.source, node: pin.target,
                                   suggestion: Spelling.closest(to: pin.target, in: graph.operators.map(\.name)))
            }
            resolved[op] = (try unit(of: pin), pin)
        }
        return resolved
    }

    /// Restricts `table` so every pinned operator can run only on its unit.
    ///
    /// Fused composites no single unit can run whole any more are dropped.
    ///
    /// - Returns: one `pin` decision per pinned operator, in graph order.
    /// - Throws: `PinError.impossible` when the unit cannot run the operator (with the cost
    ///   model's reason), or an unknown node, type or unit.
    public func apply(to table: inout CostTable, graph: Graph) throws(PinError) -> [Decision] {
        let resolved = try resolve(graph: graph, unitNames: table.unitNames)
        guard !resolved.isEmpty else { return [] }
        var decisions: [Decision] = []
        for op in resolved.keys.sorted() {
            let (unit, pin) = resolved[op]!
            let label = graph.operators[op].label
            guard table.execUS[op][unit] != nil else {
                throw .impossible(source: pin.source, operator: label, unit: pin.unit,
                                  reason: table.reasons[op][unit] ?? "the unit cannot run it")
            }
            for other in 0..<table.unitCount where other != unit && table.execUS[op][other] != nil {
                table.execUS[op][other] = nil
                table.reasons[op][other] = "pinned to \(pin.unit) by \(pin.source)"
                if !table.fusedExecUS.isEmpty { table.fusedExecUS[op][other] = nil }
            }
            decisions.append(Decision(kind: .pin, subject: label, reason: "pinned to \(pin.unit) by \(pin.source)"))
        }
        // A fused composite whose members are now pinned apart runs fused nowhere: it stops being
        // a group the optimizer must move whole (the simulator fuses only members on one unit too).
        let runnable = table.composites.filter { members in
            (0..<table.unitCount).contains { unit in members.allSatisfy { table.execUS[$0][unit] != nil } }
        }
        if runnable.count != table.composites.count { table.composites = runnable }
        return decisions
    }
}
