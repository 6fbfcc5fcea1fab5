#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Facts about the process's terminal.
public enum Terminal {
    /// Whether standard error is a terminal (progress bars are drawn only then).
    public static var standardErrorIsTerminal: Bool { isatty(2) == 1 }
}
