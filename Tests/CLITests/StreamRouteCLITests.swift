import Foundation
import TestSupport
import XCTest

/// Stream-switch routes with broadcast between AI Engine tiles (`--stream-routes`, throughput on
/// an array with `stream_switch`): SqueezeNet split over the shipped tile template cut to 2 x 4
/// tiles. The plan lists routes within each tile's 2 master and 2 slave stream ports, its interval
/// beats the same plan with routes off (their activations otherwise make a DDR4 round trip), and
/// `simulate` accepts it from its file; each destination's receive buffer is a buffer of the memory
/// plan in its tile memory; the simulator rejects a route over-subscribing a port, a route to a unit
/// outside the array, a route its port cannot carry within the interval, and a receive buffer that
/// is missing, smaller than two windows or past its tile memory's capacity.
final class StreamRouteCLITests: XCTestCase {
    private static let planned = Result { try plan() }

    private struct Planned: Sendable {
        var directory: URL
        var platform: String
        var onPath: String
        var offPath: String
        var explained: String

        var on: [String: Any] { get throws { try Self.read(onPath) } }
        var off: [String: Any] { get throws { try Self.read(offPath) } }

        static func read(_ path: String) throws -> [String: Any] {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        }
    }

    private static func plan() throws -> Planned {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stream-routes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let platform = try TileArrayFixture.file(in: directory, rows: 2, columns: 4)
        var explained = ""
        for setting in ["on", "off"] {
            let path = directory.appendingPathComponent("plan-\(setting).json").path
            let made = try CLI.run(["plan", Repository.model("light_squeezenet.onnx"), "--platform", platform, "--strategy", "heft",
                                    "--objective", "throughput", "--split-layers", "on", "--stream-routes", setting, "-o", path,
                                    "--explain", "--no-progress"])
            guard made.status == 0 else { throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: made.stderr]) }
            if setting == "on" { explained = made.stdout }
        }
        return Planned(directory: directory, platform: platform, onPath: directory.appendingPathComponent("plan-on.json").path,
                       offPath: directory.appendingPathComponent("plan-off.json").path, explained: explained)
    }

    private static func interval(_ plan: [String: Any]) -> Double {
        ((plan["summary"] as? [String: Any])?["interval_us"] as? Double) ?? .infinity
    }

    func testBroadcastRoutesWithinThePortsBeatTheDDR4RoundTripAndSimulate() throws {
        let planned = try Self.planned.get()
        let on = try planned.on, off = try planned.off
        XCTAssertNil(off["stream_routes"], "no routes with --stream-routes off")
        let routes = try XCTUnwrap(on["stream_routes"] as? [[String: Any]], "the split plan routes some activation")
        var master = Set<String>(), slave = Set<String>()
        for route in routes {
            let source = try XCTUnwrap(route["source_unit"] as? String)
            let port = try XCTUnwrap(route["master_port"] as? Int)
            XCTAssertTrue((0..<2).contains(port), "\(source) has 2 master ports")
            XCTAssertTrue(master.insert("\(source):\(port)").inserted, "master port \(port) of \(source) taken twice")
            let destinations = try XCTUnwrap(route["destination_units"] as? [String])
            let ports = try XCTUnwrap(route["slave_ports"] as? [Int])
            XCTAssertEqual(destinations.count, ports.count)
            XCTAssertFalse(destinations.contains(source))
            for (unit, port) in zip(destinations, ports) {
                XCTAssertTrue((0..<2).contains(port), "\(unit) has 2 slave ports")
                XCTAssertTrue(slave.insert("\(unit):\(port)").inserted, "slave port \(port) of \(unit) taken twice")
            }
            XCTAssertGreaterThan(try XCTUnwrap(route["hops"] as? Int), 0)
            // The routed activation is not read from or written to DDR4: its buffer in the source
            // tile's memory and a receive buffer in each destination's (the fixture names a tile's
            // memory after it), live from the producer's start, and none outside tile memories.
            let tensor = try XCTUnwrap(route["tensor"] as? String)
            let buffers = try XCTUnwrap(on["buffers"] as? [[String: Any]]).filter { $0["tensor"] as? String == tensor }
            let home = try XCTUnwrap(route["memory"] as? String)
            XCTAssertEqual(Set(buffers.compactMap { $0["memory"] as? String }), Set([home] + destinations.map { "\($0)_mem" }))
            XCTAssertEqual(buffers.count, 1 + destinations.count)
            let sent = try XCTUnwrap(buffers.first { $0["memory"] as? String == home })
            for received in buffers where received["memory"] as? String != home {
                XCTAssertEqual(received["bytes"] as? Int, route["receive_buffer_bytes"] as? Int, "\(received)")
                XCTAssertLessThan(try XCTUnwrap(received["bytes"] as? Int), try XCTUnwrap(sent["bytes"] as? Int), "two windows, not the tensor")
                XCTAssertEqual(received["start_us"] as? Double, sent["start_us"] as? Double, "\(received)")
            }
        }
        XCTAssertLessThan(Self.interval(on), Self.interval(off))
        XCTAssertTrue(planned.explained.contains("stream routes (activations broadcast from the producer's tile"), planned.explained)
        XCTAssertTrue(planned.explained.contains("[stream-route]"), planned.explained)

        let simulated = try CLI.run(["simulate", planned.onPath, "--platform", planned.platform])
        XCTAssertEqual(simulated.status, 0, simulated.stderr)
    }

    /// `edit` applied to the routed plan's first route (and, given, to all routes), and `buffers`
    /// to the buffers of the memory plan with the first route, simulated on `platform`.
    private func simulateEdited(_ name: String, platform: String? = nil, buffers: ((inout [[String: Any]], [String: Any]) -> Void)? = nil,
                                _ edit: (inout [[String: Any]]) -> Void) throws -> CLIResult {
        let planned = try Self.planned.get()
        var document = try planned.on
        var routes = try XCTUnwrap(document["stream_routes"] as? [[String: Any]])
        if let buffers {
            var list = try XCTUnwrap(document["buffers"] as? [[String: Any]])
            buffers(&list, routes[0])
            document["buffers"] = list
        }
        edit(&routes)
        document["stream_routes"] = routes
        let path = planned.directory.appendingPathComponent("\(name).json").path
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: path))
        return try CLI.run(["simulate", path, "--platform", platform ?? planned.platform])
    }

    func testSimulatorRejectsAnOversubscribedPort() throws {
        let taken = try simulateEdited("oversubscribed") { routes in
            // The second route takes the first route's master port (on the same tile) or a port the tile lacks.
            if let twin = routes.indices.dropFirst().first(where: { routes[$0]["source_unit"] as? String == routes[0]["source_unit"] as? String }) {
                routes[twin]["master_port"] = routes[0]["master_port"]
            } else {
                routes[0]["master_port"] = 2
            }
        }
        XCTAssertEqual(taken.status, 3, taken.stderr + taken.stdout)
        XCTAssertTrue((taken.stderr + taken.stdout).contains("oversubscribed-stream-port"), taken.stderr + taken.stdout)
        let missing = try simulateEdited("no-such-port") { routes in routes[0]["slave_ports"] = [7] + ((routes[0]["slave_ports"] as? [Int]) ?? []).dropFirst() }
        XCTAssertEqual(missing.status, 3, missing.stderr + missing.stdout)
        XCTAssertTrue((missing.stderr + missing.stdout).contains("oversubscribed-stream-port"), missing.stderr + missing.stdout)
    }

    func testSimulatorRejectsAnUnreachableRoute() throws {
        // The receive buffer goes with the destination (a window-sized buffer no route explains is bad input).
        let outside = try simulateEdited("unreachable", buffers: { buffers, route in
            buffers.removeAll { $0["tensor"] as? String == route["tensor"] as? String && $0["memory"] as? String != route["memory"] as? String }
        }) { routes in
            var destinations = (routes[0]["destination_units"] as? [String]) ?? []
            destinations[0] = "apu"
            routes[0]["destination_units"] = destinations
        }
        XCTAssertEqual(outside.status, 3, outside.stderr + outside.stdout)
        XCTAssertTrue((outside.stderr + outside.stdout).contains("unreachable-stream-route"), outside.stderr + outside.stdout)
        let unknown = try simulateEdited("unknown-unit") { routes in routes[0]["source_unit"] = "aie_r9_c9" }
        XCTAssertEqual(unknown.status, 2, unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("stream_routes[0].source_unit"), unknown.stderr)
    }

    func testSimulatorRejectsARouteItsPortCannotCarryWithinTheInterval() throws {
        let planned = try Self.planned.get()
        let slow = try TileArrayFixture.file(in: planned.directory, rows: 2, columns: 4) { document in
            var arrays = document["arrays"] as! [[String: Any]]
            var ports = arrays[0]["stream_switch"] as! [String: Any]
            ports["port_bandwidth_gb_s"] = 0.001
            arrays[0]["stream_switch"] = ports
            document["arrays"] = arrays
        }
        let refused = try simulateEdited("slow", platform: slow) { _ in }
        XCTAssertEqual(refused.status, 3, refused.stderr + refused.stdout)
        XCTAssertTrue((refused.stderr + refused.stdout).contains("stream-bandwidth-exceeded"), refused.stderr + refused.stdout)
    }

    /// The first route's receive buffer on its first destination, edited by `edit`.
    private func simulateWithReceiveBuffer(_ name: String, _ edit: @escaping (inout [String: Any], _ capacity: Int) -> Void) throws -> CLIResult {
        let document = try Self.planned.get().on
        let memories = try XCTUnwrap(document["memories"] as? [[String: Any]])
        return try simulateEdited(name, buffers: { buffers, route in
            let destination = "\((route["destination_units"] as? [String])?.first ?? "")_mem"
            guard let index = buffers.firstIndex(where: { $0["tensor"] as? String == route["tensor"] as? String && $0["memory"] as? String == destination }),
                  let capacity = memories.first(where: { $0["name"] as? String == destination })?["capacity_bytes"] as? Int else { return }
            edit(&buffers[index], capacity)
        }) { _ in }
    }

    func testSimulatorRejectsAnOverflowingReceiveBuffer() throws {
        // Placed so that it ends past its tile memory: the simulator's own capacity check, when the producer writes it.
        let overflowing = try simulateWithReceiveBuffer("receive-overflow") { buffer, capacity in
            buffer["offset"] = capacity - (buffer["bytes"] as? Int ?? 0) / 2
        }
        XCTAssertEqual(overflowing.status, 3, overflowing.stderr + overflowing.stdout)
        XCTAssertTrue((overflowing.stderr + overflowing.stdout).contains("capacity-exceeded"), overflowing.stderr + overflowing.stdout)
        XCTAssertTrue((overflowing.stderr + overflowing.stdout).contains("_mem"), overflowing.stderr + overflowing.stdout)
    }

    func testSimulatorRejectsAMissingOrTooSmallReceiveBuffer() throws {
        let missing = try simulateEdited("receive-missing", buffers: { buffers, route in
            let destination = "\((route["destination_units"] as? [String])?.first ?? "")_mem"
            buffers.removeAll { $0["tensor"] as? String == route["tensor"] as? String && $0["memory"] as? String == destination }
        }) { _ in }
        XCTAssertEqual(missing.status, 3, missing.stderr + missing.stdout)
        XCTAssertTrue((missing.stderr + missing.stdout).contains("unreachable-stream-route"), missing.stderr + missing.stdout)
        XCTAssertTrue((missing.stderr + missing.stdout).contains("receive buffer"), missing.stderr + missing.stdout)
        let small = try simulateWithReceiveBuffer("receive-small") { buffer, _ in buffer["bytes"] = (buffer["bytes"] as? Int ?? 2) / 2 }
        XCTAssertEqual(small.status, 3, small.stderr + small.stdout)
        XCTAssertTrue((small.stderr + small.stdout).contains("buffer-too-small"), small.stderr + small.stdout)
    }
}
