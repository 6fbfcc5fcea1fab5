import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An output written in full to a temporary file beside its destination (same directory, so the
/// same file system) and flushed to disk; `commit()` renames it over the destination in one step
/// and `discard()` removes it. Several staged files committed together make a command's outputs
/// all or nothing (`TextFile.writeAtomically` is one file staged and committed at once).
public struct StagedFile: Sendable {
    /// The destination.
    public let path: String
    /// Where the contents wait: `.<name>.tmp-<pid>` in the destination's directory.
    public let temporaryPath: String

    /// The temporary name for `path`.
    public static func temporaryPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)").path
    }

    /// Adopts a temporary file something else already wrote (e.g. GLPK's LP dump).
    public init(path: String, temporaryPath: String) {
        self.path = path
        self.temporaryPath = temporaryPath
    }

    /// Writes `contents` to the temporary file and flushes it.
    ///
    /// - Throws: `InputError.unwritable` naming `path` with the reason in words; nothing is left
    ///   behind.
    public static func write(_ contents: some Collection<UInt8>, to path: String) throws(InputError) -> StagedFile {
        if let problem = OutputPath.problem(writingFileAt: path) {
            throw InputError.unwritable(file: path, reason: problem)
        }
        let staged = StagedFile(path: path, temporaryPath: temporaryPath(for: path))
        let descriptor = open(staged.temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw InputError.unwritable(file: path, reason: "cannot create a file in its directory: \(String(cString: strerror(errno)))")
        }
        let bytes = Array(contents)
        var written = 0
        var failure: String?
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if result < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                break
            }
            written += result
        }
        if failure == nil, fsync(descriptor) != 0 { failure = "fsync: \(String(cString: strerror(errno)))" }
        if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if let failure {
            staged.discard()
            throw InputError.unwritable(file: path, reason: failure)
        }
        return staged
    }

    /// Renames the temporary file over the destination (rename(2) replaces an existing file
    /// atomically; FileManager's replaceItemAt does not on Linux).
    public func commit() throws(InputError) {
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw InputError.unwritable(file: path, reason: reason)
        }
    }

    /// Removes the temporary file.
    public func discard() {
        unlink(temporaryPath)
    }
}
