#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file read by explicit positioned reads (`pread`), never memory-mapped.
///
/// Model files used to be mapped so that the weight pages the importer skips were never read. A
/// mapped file that another process truncates makes every access past the new end a SIGBUS
/// (issue 12): no Swift error can catch it, and `MAP_PRIVATE` does not help, because untouched
/// private pages are still the file's pages. Reading through this type instead turns the same
/// event into a short read, reported as `InputError.unreadable` naming the file ("it changed while
/// being read"), while a reader that skips a range (`ONNXWeightPayloads`) still never reads it.
///
/// The size is taken once, when the file is opened; a read past it, or a read of bytes the file no
/// longer holds, is an error. Single bytes are read through a window of up to 64 KiB, so a walk
/// that visits nearby bytes one at a time costs one system call per window.
public final class InputFile {
    public let path: String
    /// The file's size when it was opened.
    public let size: Int
    private let descriptor: Int32
    private var window: [UInt8] = []
    private var windowStart = 0
    static let windowSize = 1 << 16

    /// Opens `path` for reading.
    ///
    /// - Throws: `InputError.unreadable` naming the file when it is missing, a directory or not a
    ///   regular file, or cannot be opened.
    public init(_ path: String) throws(InputError) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            throw InputError.unreadable(file: path, reason: code == ENOENT ? "no such file" : code == EACCES ? "permission denied"
                                        : code == EISDIR ? "is a directory" : "cannot be opened (errno \(code))")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            close(descriptor)
            throw InputError.unreadable(file: path, reason: "cannot be examined (errno \(errno))")
        }
        let kind = status.st_mode & S_IFMT
        guard kind == S_IFREG else {
            close(descriptor)
            throw InputError.unreadable(file: path, reason: kind == S_IFDIR ? "is a directory" : "is not a regular file")
        }
        self.descriptor = descriptor
        size = Int(status.st_size)
    }

    deinit {
        close(descriptor)
    }

    private func changed(_ offset: Int) -> InputError {
        .unreadable(file: path, reason: "the file changed while being read (it had \(size) bytes when opened; "
                    + "reading at byte \(offset) found fewer)")
    }

    /// Appends `count` bytes from `offset` to `output`.
    ///
    /// - Throws: `InputError.unreadable` when the range is past the size at opening or the file
    ///   now holds fewer bytes (it was truncated or replaced while being read), or on an I/O error.
    public func read(offset: Int, count: Int, into output: inout [UInt8]) throws(InputError) {
        guard offset >= 0, count >= 0, count <= size - offset else { throw changed(offset) }
        if offset >= windowStart, offset + count <= windowStart + window.count {
            output.append(contentsOf: window[(offset - windowStart)..<(offset - windowStart + count)])
            return
        }
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: count))
        var done = 0
        while done < count {
            let got = output.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + start + done, count - done, off_t(offset + done))
            }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else {
                output.removeSubrange(start...)
                if got < 0 { throw InputError.unreadable(file: path, reason: "I/O error (errno \(errno))") }
                throw changed(offset + done)
            }
            done += got
        }
    }

    /// `count` bytes from `offset`.
    public func read(offset: Int, count: Int) throws(InputError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(count)
        try read(offset: offset, count: count, into: &output)
        return output
    }

    /// The whole file (as it was sized when opened).
    public func readAll() throws(InputError) -> [UInt8] {
        try read(offset: 0, count: size)
    }

    /// The byte at `offset`, through the window.
    public func byte(at offset: Int) throws(InputError) -> UInt8 {
        if offset >= windowStart, offset < windowStart + window.count { return window[offset - windowStart] }
        guard offset >= 0, offset < size else { throw changed(offset) }
        // Only the byte asked for must be there: the window takes what the file still holds.
        var fresh = [UInt8](repeating: 0, count: Swift.min(Self.windowSize, size - offset))
        var got = -1
        while got < 0 {
            got = fresh.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, $0.count, off_t(offset)) }
            if got < 0 && errno != EINTR { throw InputError.unreadable(file: path, reason: "I/O error (errno \(errno))") }
        }
        guard got > 0 else { throw changed(offset) }
        fresh.removeSubrange(got...)
        window = fresh
        windowStart = offset
        return fresh[0]
    }
}
