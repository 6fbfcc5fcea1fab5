/// Max-min fair sharing of resources (links, memory ports) among flows (transfers, operators
/// streaming from memory): the rates of progressive filling (Bertsekas & Gallager, *Data
/// Networks*, 1992, §6.5.2).
///
/// Each flow wants at most `cap` bytes/us and crosses up to three resources, each with a
/// capacity in bytes/us, carrying its `shares` of the flow's rate. Starting from zero, all unfrozen flows' rates rise together; a flow
/// freezes when it reaches its cap or when one of its resources is saturated. The result is the
/// unique allocation in which no flow can get more without taking from a flow with less.
///
/// Invariants of the result: every rate is in (0, cap] when every resource on the flow has a
/// positive capacity; the rates on a resource sum to at most its capacity (up to rounding); a
/// flow alone gets min(cap, its resources' capacities).
///
/// - Complexity: O((F + R) · F · 3) for F flows and R resources: at most one freeze round per
///   flow or resource, each touching every unfrozen flow.
struct _FairShare {
    struct Flow {
        var cap: Double
        /// Up to three resource indices; -1 for none.
        var resources: (Int32, Int32, Int32)
        /// The fraction of the flow's rate each resource carries (1: all of it, as for a
        /// transfer through a link and its memories; an operator streaming its activations from
        /// one memory and its weights from another splits its rate between the two).
        var shares: (Double, Double, Double) = (1, 1, 1)
    }

    /// Capacity of each resource in bytes/us (`.infinity` for none).
    var capacity: [Double]

    // Scratch space, kept between calls to avoid allocation.
    private var remaining: [Double] = []
    private var users: [Double] = []
    private var frozen: [Bool] = []

    init(capacity: [Double]) {
        self.capacity = capacity
    }

    /// The max-min fair rate of each flow.
    mutating func rates(_ flows: [Flow]) -> [Double] {
        var rate: [Double] = []
        rates(flows, into: &rate)
        return rate
    }

    /// The max-min fair rate of each flow, into `rate` (replacing its contents; its storage and
    /// the scratch space are reused from call to call).
    mutating func rates(_ flows: [Flow], into rate: inout [Double]) {
        rate.removeAll(keepingCapacity: true)
        rate.append(contentsOf: repeatElement(0, count: flows.count))
        guard !flows.isEmpty else { return }
        remaining.removeAll(keepingCapacity: true)
        remaining.append(contentsOf: capacity)
        frozen.removeAll(keepingCapacity: true)
        frozen.append(contentsOf: repeatElement(false, count: flows.count))
        var active = flows.count
        while active > 0 {
            users.removeAll(keepingCapacity: true)
            users.append(contentsOf: repeatElement(0, count: capacity.count))
            for (index, flow) in flows.enumerated() where !frozen[index] {
                Self.forEach(flow) { users[$0] += $1 }
            }
            // The largest common increase: no cap or resource may be exceeded.
            var step = Double.infinity
            for (index, flow) in flows.enumerated() where !frozen[index] {
                step = min(step, flow.cap - rate[index])
            }
            for resource in capacity.indices where users[resource] > 0 && remaining[resource].isFinite {
                step = min(step, max(0, remaining[resource]) / users[resource])
            }
            guard step.isFinite else {
                // Unlimited flows on unlimited resources (not produced by the simulator).
                for index in flows.indices where !frozen[index] { rate[index] = .infinity }
                return
            }
            for (index, flow) in flows.enumerated() where !frozen[index] {
                rate[index] += step
                Self.forEach(flow) { remaining[$0] -= step * $1 }
            }
            for (index, flow) in flows.enumerated() where !frozen[index] {
                var saturated = rate[index] >= flow.cap * (1 - 1e-12)
                Self.forEach(flow) { resource, _ in
                    if remaining[resource].isFinite && remaining[resource] <= capacity[resource] * 1e-12 { saturated = true }
                }
                if saturated {
                    frozen[index] = true
                    active -= 1
                }
            }
        }
    }

    /// Each distinct resource of the flow with the share of its rate it carries.
    @inline(__always)
    private static func forEach(_ flow: Flow, _ body: (Int, Double) -> Void) {
        let resources = flow.resources
        if resources.0 >= 0 { body(Int(resources.0), flow.shares.0) }
        if resources.1 >= 0 && resources.1 != resources.0 { body(Int(resources.1), flow.shares.1) }
        if resources.2 >= 0 && resources.2 != resources.0 && resources.2 != resources.1 { body(Int(resources.2), flow.shares.2) }
    }
}
