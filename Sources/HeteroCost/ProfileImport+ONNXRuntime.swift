import HeteroSupport

extension ProfileImport {
    /// The suffix ONNX Runtime's executor gives a node's kernel-time event (it records
    /// `node_name + "_kernel_time"` as a `NODE_EVENT`; the same node's `_fence_before` and
    /// `_fence_after` events are not kernel time and are skipped).
    static let kernelTimeSuffix = "_kernel_time"

    /// The kernel times of an ONNX Runtime profile: a JSON array of Chrome trace events, of which
    /// those with `"cat": "Node"` and a name ending in `_kernel_time` time one node's kernel
    /// (`dur`, microseconds). Session events and other node events are skipped.
    ///
    /// - Throws: `InputError.invalid` listing each event that is not an object or whose name or
    ///   duration is missing or wrong, with its JSON path (`$[12].dur`);
    ///   `ProfileImportError.noTimings` when no kernel-time event is present.
    static func onnxRuntimeTimings(_ document: JSONValue, file: String) throws -> [Timings] {
        let problems = ProblemCollector()
        guard case .array(let events) = document else {
            throw InputError.invalid(file: file, what: "ONNX Runtime profile", problems: [
                Problem(.root, "expected an array of trace events (SessionOptions.enable_profiling output), found \(document.kindName)"),
            ])
        }
        var timings: [Timings] = []
        for (index, event) in events.enumerated() {
            let path = JSONPath.root.appending(index)
            guard case .object = event else {
                problems.report(path, "expected a trace event object, found \(event.kindName)")
                continue
            }
            guard case .string("Node") = event["cat"] else { continue }
            guard case .string(let name) = event["name"] else {
                problems.report(path.appending("name"), "a Node event needs its name as a string")
                continue
            }
            guard name.hasSuffix(kernelTimeSuffix) else { continue }
            let node = String(name.dropLast(kernelTimeSuffix.count))
            guard case .number(let duration) = event["dur"], duration.isFinite, duration >= 0 else {
                problems.report(path.appending("dur"), "\"\(name)\" needs its duration in microseconds as a number >= 0, found "
                                + (event["dur"].map { "\($0.kindName)" } ?? "none"))
                continue
            }
            guard duration <= maximumLatencyUS else {
                problems.report(path.appending("dur"), "\"\(name)\" lasts \(duration) µs, more than the \(Int(maximumLatencyUS)) µs "
                                + "a measurement may take")
                continue
            }
            if node.isEmpty {
                problems.report(path.appending("name"), "\"\(name)\" names no node")
                continue
            }
            timings.append(Timings(node: node, latenciesUS: [duration]))
        }
        if !problems.isEmpty { throw InputError.invalid(file: file, what: "ONNX Runtime profile", problems: problems.problems) }
        if timings.isEmpty {
            throw ProfileImportError.noTimings(file: file, expected: "trace events with \"cat\": \"Node\" named <node>_kernel_time")
        }
        return timings
    }
}
