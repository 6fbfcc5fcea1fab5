extension Refiner {
    /// The refiner's tuning constants, named. Values were chosen on the classic benchmark and the
    /// nine models (`hetero-plan benchmark classic|models`); changing one changes plans.
    enum Tuning {
        /// Default budget: about this many edge visits (one evaluation visits every operator and edge).
        static let edgeVisits = 20_000_000
        /// Default budget bounds, in evaluations.
        static let minimumBudget = 2_000
        static let maximumBudget = 200_000
        /// The memory objective's evaluations also sweep lifetimes: its budget is divided by this,
        /// down to `minimumMemoryBudget`.
        static let memoryBudgetDivisor = 5
        static let minimumMemoryBudget = 1_000
        /// Steepest descent stops once budget / `descentShare` evaluations are spent.
        static let descentShare = 2
        /// Annealing's starting temperature, as a fraction of the best score.
        static let initialTemperature = 0.02
        /// Temperature after a restart from the best, as a fraction of the best score.
        static let restartTemperature = 0.01
        /// Geometric cooling factor per annealing step.
        static let cooling = 0.9995
        /// Steps without improvement between restarts from the best.
        static let restartInterval = 2_000
        /// Default patience: budget / `patienceDivisor` steps without improvement, at least `minimumPatience`.
        static let minimumPatience = 20_000
        static let patienceDivisor = 4
        /// Resolution of the uniform draw compared with the Metropolis acceptance probability.
        static let acceptanceResolution: UInt64 = 1_000_000
        /// The annealing move mix: out of 10 draws, 5 move one operator, 3 a coarse group, 2 are
        /// exchanges (an operator moved in the priority order; in a swapping refiner, `Refiner.swapping`,
        /// half of them swap two operators' units instead).
        static let moveMix = MoveMix(operatorMoves: 5, groupMoves: 3, exchanges: 2)
    }

    /// An annealing move kind.
    enum AnnealingMove {
        /// One operator (with its fused composite) to a random capable unit.
        case `operator`
        /// One coarse group to a random unit all its members can run on.
        case group
        /// Two operators on different units, each capable of the other's, exchange units.
        case swap
        /// One operator to another position in the priority order.
        case reorder
    }

    /// Integer weights of the annealing moves; a draw takes one random number.
    struct MoveMix {
        var operatorMoves: UInt64
        var groupMoves: UInt64
        /// Exchange draws: `.reorder`, or with `swaps` a second draw makes half of them `.swap`.
        var exchanges: UInt64

        func draw(_ rng: inout SplitMix64, swaps: Bool) -> AnnealingMove {
            let value = rng.next() % (operatorMoves + groupMoves + exchanges)
            if value < operatorMoves { return .operator }
            if value < operatorMoves + groupMoves { return .group }
            return swaps && rng.next() % 2 == 0 ? .swap : .reorder
        }
    }
}
