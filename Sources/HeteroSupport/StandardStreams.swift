import Foundation

/// Writes diagnostics to the process's standard error.
public enum StandardError {
    public static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Progress lines on standard output, written at once (not held in stdio's buffer when piped).
public enum StandardOutput {
    public static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
