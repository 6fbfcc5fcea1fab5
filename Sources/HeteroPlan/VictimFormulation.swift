import GLPKSolver
import HeteroRecords

/// Which activations leave an overflowing resident memory, as a 0-1 covering MILP over a window
/// of the schedule's instants (solved by GLPK in `ResidencyPlanner.evictByWindows`).
///
/// The memory's buffers are lifetimes [start, end) with sizes. Its live bytes are a step function
/// whose maximum over any interval is reached at a buffer's start, so the instants are the
/// distinct starts where the live bytes exceed the capacity the solve aims at. The window is the
/// `maximumInstants` of those nearest (in time order) to the busiest one. For a candidate c
/// (a live, evictable tensor) with bytes b(c) and cost w(c), e(c) binary (1: evicted):
/// - minimise sum_c w(c)·e(c);
/// - for each instant i of the window: sum over candidates c live at i of b(c)·e(c) >=
///   live(i) - capacity.
/// The sizes ignore the memory planner's offsets (fragmentation): the caller aims at a capacity
/// reduced by the fragmentation the planner showed and re-checks with the planner.
struct VictimFormulation {
    struct Candidate: Sendable, Hashable {
        var tensor: Int
        var bytes: Int
        /// What evicting it alone adds to the objective (`ResidencyPlanner.evictionCost`).
        var cost: Double
    }

    /// Instants of the window, at most this many.
    static let maximumInstants = 48
    /// GLPK's limits per solve (nodes, branch-and-cut work, root iterations): work, not time,
    /// so the same model stops at the same point on every machine.
    static let budget = SolverBudget(nodes: 200, work: 20_000_000, rootIterations: 20_000)

    let candidates: [Candidate]
    private(set) var model: MILPModel
    /// Start times of the window's instants.
    let instants: [Double]

    /// Nil when no instant exceeds `capacity`, or evicting every candidate live at one cannot
    /// bring it under (`cost(tensor)` is nil for tensors that cannot be evicted).
    init?(buffers: [MemoryPlan.Buffer], capacity: Int, cost: (Int) -> Double?) {
        let starts = Array(Set(buffers.map(\.startUS))).sorted()
        var over: [(index: Int, time: Double, live: [Int], bytes: Int)] = []
        for (index, time) in starts.enumerated() {
            let live = buffers.indices.filter { buffers[$0].startUS <= time && time < MemoryPlanner.effectiveEnd(buffers[$0]) }
            let bytes = live.reduce(0) { $0 + buffers[$1].bytes }
            if bytes > capacity { over.append((index, time, live, bytes)) }
        }
        guard let busiest = over.max(by: { $0.bytes != $1.bytes ? $0.bytes < $1.bytes : $0.index > $1.index }) else { return nil }
        let window = over.sorted { (abs($0.index - busiest.index), $0.index) < (abs($1.index - busiest.index), $1.index) }
            .prefix(Self.maximumInstants).sorted { $0.index < $1.index }
        var costs: [Int: Double] = [:]
        var chosen: [Candidate] = []
        var column: [Int: Int] = [:]
        var model = MILPModel(name: "eviction-victims", sense: .minimize)
        for instant in window {
            for buffer in instant.live.map({ buffers[$0] }) where column[buffer.tensor] == nil {
                guard let w = costs[buffer.tensor] ?? cost(buffer.tensor) else { continue }
                costs[buffer.tensor] = w
                column[buffer.tensor] = model.addVariable(MILPVariable(name: "e_\(buffer.tensor)", kind: .binary, lowerBound: 0,
                                                                       upperBound: 1, objective: w))
                chosen.append(Candidate(tensor: buffer.tensor, bytes: buffer.bytes, cost: w))
            }
        }
        for instant in window {
            var terms: [(Int, Double)] = []
            var removable = 0
            for buffer in instant.live.map({ buffers[$0] }) {
                guard let e = column[buffer.tensor] else { continue }
                terms.append((e, Double(buffer.bytes)))
                removable += buffer.bytes
            }
            let needed = instant.bytes - capacity
            guard removable >= needed else { return nil }
            model.addRow("fit_\(instant.index)", terms, lower: Double(needed))
        }
        candidates = chosen
        instants = window.map(\.time)
        self.model = model
    }

    /// The solve's options: `budget`'s limits, warm-started with every candidate evicted
    /// (feasible whenever the model is).
    var options: MILPOptions {
        Self.budget.apply(to: MILPOptions(warmStart: Array(repeating: 1, count: model.variables.count)), for: model)
    }

    /// The candidates a solution evicts, in candidate order.
    func victims(_ values: [Double]) -> [Candidate] {
        candidates.indices.filter { values[$0] > 0.5 }.map { candidates[$0] }
    }
}
