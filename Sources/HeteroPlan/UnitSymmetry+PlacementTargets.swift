extension UnitSymmetry {
    /// The units a list scheduler that places operators one by one (HEFT, PEFT, randomised HEFT)
    /// tries for the next operator: every unit used so far, every unit alone in its class, the idle
    /// units sharing a memory with a used one (`UnitSymmetry.neighbours`: an activation can stay
    /// in place there, so they are not interchangeable with the other idle tiles), and of each
    /// class's other idle units the first — the `moveTargets` rule, kept up to date as units come
    /// into use. The idle units of one class give an operator the same finish time, so the first
    /// of them is the one a scan of every unit would pick on a tie (the lowest index): the
    /// schedule is the one trying every unit gives, with one idle tile per class tried instead of
    /// hundreds.
    ///
    /// - Complexity: O(units) per unit coming into use; `units` is read in O(1).
    struct PlacementTargets {
        private let symmetry: UnitSymmetry
        private var used: [Bool]
        /// The units to try, ascending.
        private(set) var units: [Int]

        init(_ symmetry: UnitSymmetry) {
            self.symmetry = symmetry
            used = Array(repeating: false, count: symmetry.classOf.count)
            units = []
            refresh()
        }

        /// Records that the scheduler placed an operator on `unit`.
        mutating func use(_ unit: Int) {
            guard unit >= 0, !used[unit] else { return }
            used[unit] = true
            if symmetry.hasClasses { refresh() }
        }

        private mutating func refresh() {
            guard symmetry.hasClasses else {
                if units.isEmpty { units = Array(symmetry.classOf.indices) }
                return
            }
            var idleSeen = Set<Int>()
            units = symmetry.classOf.indices.filter { unit in
                used[unit] || symmetry.classSizes[symmetry.classOf[unit]] == 1 || symmetry.neighboursUsed(unit) { used[$0] }
                    || idleSeen.insert(symmetry.classOf[unit]).inserted
            }
        }
    }
}
