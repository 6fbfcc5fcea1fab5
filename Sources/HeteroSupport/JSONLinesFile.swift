import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A durable log of one JSON document per line (JSON Lines). Each record is appended with one
/// `write(2)` on a descriptor opened with `O_APPEND` and then `fsync(2)`ed, so after a crash the
/// file holds every acknowledged record followed by at most one torn line, which `readRepairing`
/// detects (no final newline) and cuts off.
///
/// Appending is serialised by a lock: one `JSONLinesFile` may be shared by worker threads.
/// (The lock makes the mutable descriptor state safe; hence `@unchecked Sendable`.)
public final class JSONLinesFile: @unchecked Sendable {
    public let path: String
    private let descriptor: Int32
    private let lock = NSLock()

    /// What `readRepairing` found.
    public struct Contents: Sendable {
        /// Complete lines, without their newline, empty lines dropped.
        public var lines: [String]
        /// Bytes of a torn last line that were cut off (0 when the file ended cleanly).
        public var repairedBytes: Int
    }

    /// Reads every complete line; a last line without its newline (a write cut short by a crash) is
    /// truncated away on disk so later appends start on a fresh line. A missing file reads as empty.
    public static func readRepairing(_ path: String) throws(InputError) -> Contents {
        guard FileManager.default.fileExists(atPath: path) else { return Contents(lines: [], repairedBytes: 0) }
        let bytes = try TextFile.read(path)
        var end = bytes.count
        while end > 0, bytes[end - 1] != UInt8(ascii: "\n") { end -= 1 }
        let torn = bytes.count - end
        if torn > 0 {
            guard truncate(path, off_t(end)) == 0 else {
                throw InputError.unwritable(file: path, reason: "cannot cut off a torn last line: \(String(cString: strerror(errno)))")
            }
        }
        let lines = bytes[..<end].split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
        return Contents(lines: lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }, repairedBytes: torn)
    }

    /// Opens (creating if needed) the file for appending.
    public init(appendingTo path: String) throws(InputError) {
        self.path = path
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw InputError.unwritable(file: path, reason: String(cString: strerror(errno))) }
        descriptor = fd
    }

    deinit {
        close(descriptor)
    }

    /// Appends `line` and a newline, then waits until the data is on disk.
    /// - Precondition: `line` contains no newline.
    public func append(_ line: String) throws(InputError) {
        precondition(!line.contains("\n"), "a JSON line must not contain a newline: \(line.prefix(80))")
        let bytes = Array((line + "\n").utf8)
        lock.lock()
        defer { lock.unlock() }
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if result < 0 {
                if errno == EINTR { continue }
                throw InputError.unwritable(file: path, reason: String(cString: strerror(errno)))
            }
            written += result
        }
        guard fsync(descriptor) == 0 else {
            throw InputError.unwritable(file: path, reason: "fsync: \(String(cString: strerror(errno)))")
        }
    }
}
