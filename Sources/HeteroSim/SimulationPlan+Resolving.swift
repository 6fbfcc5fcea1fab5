import HeteroCost
import HeteroIR
import HeteroRecords
import HeteroSupport

extension SimulationPlan {
    /// Resolves a plan document's names against the model's graph and the machine's units and
    /// memories. Every operator of the graph must appear exactly once; transfers must name a
    /// tensor's real producer; copies must name real tensors and memories, a reload an operator that reads
    /// its tensor; transfers, copies and buffers must have the tensor's size; no transfer, copy or
    /// buffer may appear twice.
    /// Anything else a person may have edited — units, times, offsets, which transfers and buffers
    /// exist — is left for the simulator to judge.
    ///
    /// - Throws: `InputError.invalid(file:what: "plan", problems:)` listing every problem with its
    ///   JSON path.
    /// - Parameter file: names the document in errors (its path, or `(plan)` for one in memory).
    /// - Parameter residency: the cost table whose units' resident memories hold activations in
    ///   the producer's compute type (`CostTable.storedBytes`): a buffer there has that size,
    ///   with or without the channels the unit pads (the simulator checks those itself:
    ///   `BufferPadding`).
    public init(resolving document: PlanDocument, file: String, graph: Graph, unitNames: [String], memoryNames: [String],
                residency: CostTable? = nil) throws(InputError) {
        let problems = ProblemCollector()
        let root = JSONPath.root
        if document.model != graph.name {
            problems.report(root.appending("model"), "the plan is for model \"\(document.model)\", but the model given is \"\(graph.name)\"")
        }
        /// Each entry of `section` with its JSON path.
        func located<Entry>(_ entries: [Entry], _ section: String) -> [(entry: Entry, path: JSONPath)] {
            entries.enumerated().map { ($1, root.appending(section).appending($0)) }
        }
        let unitIndex = Dictionary(uniqueKeysWithValues: unitNames.enumerated().map { ($1, $0) })
        let memoryIndex = Dictionary(uniqueKeysWithValues: memoryNames.enumerated().map { ($1, $0) })
        func unit(_ name: String, at path: JSONPath) -> Int? {
            if let index = unitIndex[name] { return index }
            problems.report(path, "unknown unit \"\(name)\"\(Self.suggestion(name, unitNames)) (units: \(unitNames.joined(separator: ", ")))")
            return nil
        }
        // Weights are moved and allocated only by prefetch copies (and their buffers).
        let prefetchedWeights = Set(document.spillCopies.filter { $0.kind == .prefetch }.map(\.tensor))
        func tensor(_ name: String, at path: JSONPath, weightAllowed: Bool = false) -> Int? {
            guard let index = graph.tensorIndex[name] else {
                problems.report(path, "unknown tensor \"\(name)\"\(Self.suggestion(name, graph.tensors.map(\.name)))")
                return nil
            }
            if graph.tensors[index].kind == .constant && !weightAllowed {
                problems.report(path, "tensor \"\(name)\" is a constant, which plans move or allocate only for a prefetch (\"kind\": \"prefetch\" in spill_copies)")
                return nil
            }
            return index
        }

        let count = graph.operators.count
        var units = [Int](repeating: -1, count: count)
        var start = [Double](repeating: 0, count: count)
        var finish = [Double](repeating: 0, count: count)
        var seen = [JSONPath?](repeating: nil, count: count)
        for (entry, path) in located(document.operators, "operators") {
            guard let op = graph.operatorIndex[entry.name] else {
                problems.report(path.appending("name"),
                                "unknown operator \"\(entry.name)\"\(Self.suggestion(entry.name, graph.operators.map(\.name))) in model \"\(graph.name)\"")
                continue
            }
            if let first = seen[op] {
                problems.report(path.appending("name"), "operator \"\(entry.name)\" is placed twice (also at \(first))")
                continue
            }
            seen[op] = path
            units[op] = unit(entry.unit, at: path.appending("unit")) ?? -1
            start[op] = entry.startUS
            finish[op] = entry.finishUS
        }
        let missing = graph.operators.indices.filter { seen[$0] == nil }.map { graph.operators[$0].name }
        if !missing.isEmpty {
            let shown = missing.prefix(5).map { "\"\($0)\"" }.joined(separator: ", ")
            problems.report(root.appending("operators"),
                            "\(missing.count) operator(s) of model \"\(graph.name)\" are not placed: \(shown)\(missing.count > 5 ? ", ..." : "")")
        }

        /// Reports `entry` when an equal one came first (at the path it remembers).
        func once<Key: Hashable>(_ key: Key, _ firstAt: inout [Key: JSONPath], at path: JSONPath, _ what: String) -> Bool {
            if let first = firstAt[key] {
                problems.report(path, "\(what) appears twice (also at \(first))")
                return false
            }
            firstAt[key] = path
            return true
        }
        /// Reports a size other than the tensor's.
        func sized(_ bytes: Int, _ tensor: Int, at path: JSONPath) -> Bool {
            guard bytes != graph.tensors[tensor].byteSize else { return true }
            problems.report(path.appending("bytes"), "tensor \"\(graph.tensors[tensor].name)\" has \(graph.tensors[tensor].byteSize) bytes, not \(bytes)")
            return false
        }

        var transfers: [ScheduledTransfer] = []
        var transferAt: [[Int]: JSONPath] = [:]
        for (entry, path) in located(document.transfers, "transfers") {
            guard let tensor = tensor(entry.tensor, at: path.appending("tensor")) else { continue }
            let from = unit(entry.fromUnit, at: path.appending("from_unit"))
            let to = unit(entry.toUnit, at: path.appending("to_unit"))
            guard let producer = graph.producer[tensor] else {
                problems.report(path.appending("tensor"), "tensor \"\(entry.tensor)\" is a graph input; no operator produces it")
                continue
            }
            if graph.operators[producer].name != entry.producer {
                problems.report(path.appending("producer"),
                                "tensor \"\(entry.tensor)\" is produced by \"\(graph.operators[producer].name)\", not \"\(entry.producer)\"")
                continue
            }
            guard let from, let to, sized(entry.bytes, tensor, at: path),
                  once([tensor, to], &transferAt, at: path, "the transfer of \"\(entry.tensor)\" to unit \(entry.toUnit)") else { continue }
            transfers.append(ScheduledTransfer(tensor: tensor, producer: producer, fromUnit: from, toUnit: to, bytes: graph.tensors[tensor].byteSize,
                                      startUS: entry.startUS, finishUS: entry.finishUS))
        }

        var copies: [ScheduledSpill] = []
        var copyAt: [[Int]: JSONPath] = [:]
        func memory(_ name: String, at path: JSONPath) -> Int? {
            if let index = memoryIndex[name] { return index }
            problems.report(path, "unknown memory \"\(name)\"\(Self.suggestion(name, memoryNames)) (memories: \(memoryNames.joined(separator: ", ")))")
            return nil
        }
        var recomputes: [ScheduledSpill] = []
        for (entry, path) in located(document.spillCopies, "spill_copies") {
            if entry.kind == .recompute {
                if let recompute = Self.resolveRecompute(entry, at: path, graph: graph, units: units, unit: { unit($0, at: $1) },
                                                    memory: { memory($0, at: $1) }, problems: problems) {
                    recomputes.append(recompute)
                }
                continue
            }
            let tensor = tensor(entry.tensor, at: path.appending("tensor"), weightAllowed: entry.kind == .prefetch)
            let from = memory(entry.fromMemory, at: path.appending("from_memory"))
            let to = memory(entry.toMemory, at: path.appending("to_memory"))
            var consumer: Int?
            if let name = entry.consumer {
                consumer = graph.operatorIndex[name]
                if consumer == nil {
                    problems.report(path.appending("consumer"),
                                    "unknown operator \"\(name)\"\(Self.suggestion(name, graph.operators.map(\.name))) in model \"\(graph.name)\"")
                    continue
                }
            }
            // A prefetched weight moves in its reader's unit's data type (`CostTable.storedBytes`).
            let prefetchBytes = entry.kind == .prefetch
                ? tensor.flatMap { tensor in consumer.map { units[$0] >= 0 ? residency?.storedBytes(graph.tensors[tensor], on: units[$0]) ?? graph.tensors[tensor].byteSize
                                                                      : graph.tensors[tensor].byteSize } }
                : nil
            if let prefetchBytes, entry.bytes != prefetchBytes, let tensor {
                problems.report(path.appending("bytes"), "weight \"\(graph.tensors[tensor].name)\" takes \(prefetchBytes) bytes on the unit of "
                                + "\"\(entry.consumer ?? "")\", not \(entry.bytes)")
                continue
            }
            if entry.kind == .prefetch, let tensor, graph.producer[tensor] != nil || graph.tensors[tensor].kind != .constant {
                problems.report(path.appending("tensor"), "only weights (constant tensors) are prefetched; \"\(entry.tensor)\" is not one")
                continue
            }
            guard let tensor, let from, let to, prefetchBytes != nil || sized(entry.bytes, tensor, at: path),
                  once([SpillKind.allCases.firstIndex(of: entry.kind)!, tensor, from, to, consumer ?? -1], &copyAt, at: path,
                       "the \(entry.kind.rawValue) of \"\(entry.tensor)\" from \(entry.fromMemory) to \(entry.toMemory)") else { continue }
            if entry.kind != .store, let consumer, !graph.operators[consumer].inputs.contains(graph.tensors[tensor].name) {
                problems.report(path.appending("consumer"),
                                "operator \"\(graph.operators[consumer].name)\" does not read tensor \"\(entry.tensor)\"")
                continue
            }
            copies.append(ScheduledSpill(kind: entry.kind, tensor: tensor, fromMemory: from, toMemory: to, bytes: prefetchBytes ?? graph.tensors[tensor].byteSize,
                               startUS: entry.startUS, finishUS: entry.finishUS, consumer: consumer))
        }

        // Windowed hand-offs: names resolved here; whether they can be windows is the simulator's
        // to judge (`_Engine.checkWindows`). Their buffers hold two windows, not the tensor.
        var windowed: [WindowedDelivery] = []
        for (entry, path) in located(document.windowedHandOffs ?? [], "windowed_hand_offs") {
            let tensor = tensor(entry.tensor, at: path.appending("tensor"))
            let memory = memory(entry.memory, at: path.appending("memory"))
            if entry.bufferBytes <= 0 {
                problems.report(path.appending("buffer_bytes"), "expected a positive number of bytes, found \(entry.bufferBytes)")
            }
            guard let tensor, let memory, entry.bufferBytes > 0 else { continue }
            windowed.append(WindowedDelivery(tensor: tensor, memory: memory, bufferBytes: entry.bufferBytes))
        }
        // Stream routes: names resolved here; whether they can be made is the simulator's to judge
        // (`_Engine.checkStreamRoutes`).
        var routes: [RouteDelivery] = []
        for (entry, path) in located(document.streamRoutes ?? [], "stream_routes") {
            let tensor = tensor(entry.tensor, at: path.appending("tensor"))
            let memory = memory(entry.memory, at: path.appending("memory"))
            let source = unit(entry.sourceUnit, at: path.appending("source_unit"))
            var destinations: [Int] = []
            for (position, name) in entry.destinationUnits.enumerated() {
                if let index = unit(name, at: path.appending("destination_units").appending(position)) { destinations.append(index) }
            }
            if entry.slavePorts.count != entry.destinationUnits.count {
                problems.report(path.appending("slave_ports"),
                                "expected one port per destination unit (\(entry.destinationUnits.count)), found \(entry.slavePorts.count)")
            }
            if entry.receiveBufferBytes <= 0 {
                problems.report(path.appending("receive_buffer_bytes"), "expected a positive number of bytes, found \(entry.receiveBufferBytes)")
            }
            guard let tensor, let memory, let source, destinations.count == entry.destinationUnits.count,
                  entry.slavePorts.count == destinations.count, entry.receiveBufferBytes > 0 else { continue }
            routes.append(RouteDelivery(tensor: tensor, memory: memory, source: source, masterPort: entry.masterPort, destinations: destinations,
                                        slavePorts: entry.slavePorts, receiveBufferBytes: entry.receiveBufferBytes))
        }
        var buffers: [MemoryPlan.Buffer] = []
        var bufferAt: [MemoryPlan.Buffer: JSONPath] = [:]
        // An activation's size without the channels its unit pads is resolved too: whether the
        // unit pads it there is the simulator's to judge (`BufferPadding`, `buffer-too-small`).
        var unpadded = residency
        unpadded?.paddedChannels = []
        for (entry, path) in located(document.buffers, "buffers") {
            // A weight's buffer belongs in a resident memory of one of its readers' units, where a
            // prefetch writes it (if none does, the simulator finds its reader reading nothing).
            let weightAllowed = prefetchedWeights.contains(entry.tensor) || graph.tensorIndex[entry.tensor].map { index in
                graph.producer[index] == nil && graph.consumers[index].contains { reader in
                    units[reader] >= 0 && residency.map { units[reader] < $0.residentMemory.count && $0.residentMemory[units[reader]].map { memoryNames[$0] } == entry.memory } ?? false
                }
            } ?? false
            let tensor = tensor(entry.tensor, at: path.appending("tensor"), weightAllowed: weightAllowed)
            let memory = memoryIndex[entry.memory]
            if memory == nil {
                problems.report(path.appending("memory"),
                                "unknown memory \"\(entry.memory)\"\(Self.suggestion(entry.memory, memoryNames)) (memories: \(memoryNames.joined(separator: ", ")))")
            }
            var expected: Int?
            if let residency, let unpadded, let tensor, let producer = graph.producer[tensor], units[producer] >= 0,
               units[producer] < residency.residentMemory.count, let memory, residency.residentMemory[units[producer]] == memory {
                expected = residency.storedBytes(graph.tensors[tensor], on: units[producer])
                if entry.bytes == unpadded.storedBytes(graph.tensors[tensor], on: units[producer]) { expected = entry.bytes }
            } else if let residency, let tensor, let memory, graph.producer[tensor] == nil, graph.tensors[tensor].kind == .constant,
                      let reader = graph.consumers[tensor].first(where: { units[$0] >= 0 && units[$0] < residency.residentMemory.count
                                                                            && residency.residentMemory[units[$0]] == memory }) {
                // A prefetched weight, in its reader's unit's data type.
                expected = residency.storedBytes(graph.tensors[tensor], on: units[reader])
            }
            if let tensor, let memory, windowed.contains(WindowedDelivery(tensor: tensor, memory: memory, bufferBytes: entry.bytes)) {
                expected = entry.bytes
            }
            // A route's receive buffer in a destination's tile memory holds windows, not the tensor:
            // whether it holds two is the simulator's to judge (`_Engine.checkStreamRoutes`).
            if let residency, let tensor, let memory, routes.contains(where: { route in
                route.tensor == tensor && route.destinations.contains { $0 < residency.residentMemory.count && residency.residentMemory[$0] == memory }
            }) {
                expected = entry.bytes
            }
            if let expected, entry.bytes != expected, let tensor {
                problems.report(path.appending("bytes"), "tensor \"\(graph.tensors[tensor].name)\" takes \(expected) bytes in \(entry.memory), "
                                + "the resident memory of its \(graph.producer[tensor] == nil ? "reader" : "producer")'s unit, not \(entry.bytes)")
                continue
            }
            guard let tensor, let memory, expected != nil || sized(entry.bytes, tensor, at: path) else { continue }
            let buffer = MemoryPlan.Buffer(tensor: tensor, memory: memory, offset: entry.offset, bytes: entry.bytes, startUS: entry.startUS,
                                           endUS: entry.endUS)
            guard once(buffer, &bufferAt, at: path, "the buffer of \"\(entry.tensor)\" in \(entry.memory) at offset \(entry.offset)") else { continue }
            buffers.append(buffer)
        }
        // Multicast reads: names resolved here; whether they can be multicasts is the simulator's to judge.
        var multicasts: [MulticastDelivery] = []
        for (entry, path) in located(document.multicasts ?? [], "multicasts") {
            let tensor = tensor(entry.tensor, at: path.appending("tensor"))
            let memory = memory(entry.memory, at: path.appending("memory"))
            var destinations: [Int] = []
            for (position, name) in entry.destinations.enumerated() {
                guard let op = graph.operatorIndex[name] else {
                    problems.report(path.appending("destinations").appending(position),
                                    "unknown operator \"\(name)\"\(Self.suggestion(name, graph.operators.map(\.name))) in model \"\(graph.name)\"")
                    continue
                }
                destinations.append(op)
            }
            if entry.bufferBytes <= 0 {
                problems.report(path.appending("buffer_bytes"), "expected a positive number of bytes, found \(entry.bufferBytes)")
            }
            guard let tensor, let memory, destinations.count == entry.destinations.count, entry.bufferBytes > 0 else { continue }
            multicasts.append(MulticastDelivery(tensor: tensor, memory: memory, destinations: destinations, bufferBytes: entry.bufferBytes))
        }
        guard problems.isEmpty else { throw InputError.invalid(file: file, what: "plan", problems: problems.problems) }
        self.init(units: units, startUS: start, finishUS: finish, transfers: transfers, copies: copies, buffers: buffers,
                  predictedMakespanUS: document.summary.makespanUS)
        self.recomputes = recomputes
        intervalUS = document.summary.intervalUS
        self.multicasts = multicasts
        windowedHandOffs = windowed
        streamRoutes = routes
    }

    private static func suggestion(_ name: String, _ candidates: [String]) -> String {
        Spelling.closest(to: name, in: candidates).map { " (did you mean \"\($0)\"?)" } ?? ""
    }
}
