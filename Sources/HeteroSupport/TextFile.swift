import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reading inputs and writing outputs so that a failure never leaves a partial file behind:
/// outputs are written to a temporary file in the same directory, flushed, then renamed.
public enum TextFile {
    /// Reads a whole file as bytes, translating I/O failures into `InputError.unreadable`.
    public static func read(_ path: String) throws(InputError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError.unreadable(file: path, reason: "no such file")
        }
        if isDirectory.boolValue {
            throw InputError.unreadable(file: path, reason: "is a directory")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError.unreadable(file: path, reason: "permission denied or I/O error")
        }
        return [UInt8](data)
    }

    /// Reads and parses a JSON file.
    public static func readJSON(_ path: String) throws(InputError) -> JSONValue {
        let bytes = try read(path)
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw InputError.syntax(file: path, error)
        }
    }

    /// Writes `contents` atomically: to `path.tmp-<pid>`, fsync, rename over `path`.
    public static func writeAtomically(_ contents: some Collection<UInt8>, to path: String) throws(InputError) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        let data = Data(contents)
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw InputError.unwritable(file: path, reason: "cannot create a file in its directory")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            // rename(2) replaces an existing file atomically (FileManager's replaceItemAt does not
            // on Linux when the destination exists).
            guard rename(temporary.path, url.path) == 0 else {
                throw InputError.unwritable(file: path, reason: String(cString: strerror(errno)))
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw InputError.unwritable(file: path, reason: error.localizedDescription)
        }
    }

    public static func writeAtomically(_ text: String, to path: String) throws(InputError) {
        try writeAtomically(Array(text.utf8), to: path)
    }
}
