extension Platform {
    /// The unit called `name`.
    ///
    /// - Complexity: O(units).
    public func unit(named name: String) -> ProcessingUnit? {
        units.first { $0.name == name }
    }

    /// The memory called `name`.
    ///
    /// - Complexity: O(memories).
    public func memory(named name: String) -> Memory? {
        memories.first { $0.name == name }
    }

    /// How unit `unitName` runs `operatorType`: its own entry, else its `"*"` entry; `nil` when
    /// the unit does not exist or cannot run the operator.
    public func supports(unit unitName: String, operatorType: String) -> OperatorSupport? {
        unit(named: unitName)?.support(for: operatorType)
    }

    /// The units that can run `operatorType`, in file order.
    public func units(supporting operatorType: String) -> [ProcessingUnit] {
        units.filter { $0.support(for: operatorType) != nil }
    }

    /// Names of the units attached to memory `name`: those listed in its `attached` plus those
    /// that compute from it or use it as local memory, in file order without repeats.
    public func units(attachedTo name: String) -> [String] {
        guard let memory = memory(named: name) else { return [] }
        var result: [String] = []
        for unit in units where unit.memory == name || unit.localMemory == name || memory.attached.contains(unit.name) {
            result.append(unit.name)
        }
        return result
    }

    /// The links with `name` at either end, in file order.
    public func links(touching name: String) -> [Link] {
        links.filter { $0.from == name || $0.to == name }
    }
}
