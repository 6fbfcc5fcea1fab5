import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A directory of output files written all or nothing: the files go into `.<name>.tmp-<pid>`
/// beside the destination, and the whole directory is renamed onto the destination (which must
/// not exist or be empty) only when every file was written. A failure leaves nothing behind.
public enum StagedDirectory {
    /// Why `path` cannot receive a new directory: it is a file, a non-empty directory, or its
    /// parent is missing or read-only; nil when it can.
    public static func problem(writingDirectoryAt path: String) -> String? {
        var status = stat()
        if stat(path, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFDIR else { return "is not a directory" }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            if !entries.isEmpty { return "the directory is not empty (give a new or empty directory)" }
        }
        return OutputPath.problem(writingFileAt: path).flatMap { $0 == "is a directory" ? nil : $0 }
    }

    /// Writes `files` (name -> bytes) as the directory `path`.
    ///
    /// - Throws: `InputError.unwritable` naming `path` and the reason.
    public static func write(_ files: [(name: String, bytes: [UInt8])], to path: String) throws(InputError) {
        if let problem = problem(writingDirectoryAt: path) { throw InputError.unwritable(file: path, reason: problem) }
        let temporary = StagedFile.temporaryPath(for: path)
        guard mkdir(temporary, 0o777) == 0 else {
            throw InputError.unwritable(file: path, reason: "cannot create \(temporary): \(String(cString: strerror(errno)))")
        }
        var staged: [StagedFile] = []
        func abandon() {
            for file in staged { file.discard() }
            try? FileManager.default.removeItem(atPath: temporary)
        }
        for (name, bytes) in files {
            do {
                let file = try StagedFile.write(bytes, to: temporary + "/" + name)
                staged.append(file)
                try file.commit()
            } catch {
                abandon()
                throw InputError.unwritable(file: path + "/" + name, reason: "\(error)")
            }
        }
        // rename(2) replaces an empty directory in one step.
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            abandon()
            throw InputError.unwritable(file: path, reason: reason)
        }
    }
}
