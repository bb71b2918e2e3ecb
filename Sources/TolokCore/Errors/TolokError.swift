/// The kind of failure, which decides the process exit code of the `tolok` host.
public enum FailureKind: Sendable, Equatable {
    /// The command line was wrong (unknown option, missing parameter): exit 2.
    case usage
    /// The data were wrong (missing file, bad cell, duplicate id): exit 2.
    case data
    /// Tolok itself failed (a bug, an I/O failure writing output): exit 1.
    case `internal`

    /// The exit status the host uses for this kind of failure.
    public var exitCode: Int32 {
        switch self {
        case .usage, .data: return 2
        case .internal: return 1
        }
    }
}

/// An error that is shown to the user as one line on stderr.
public protocol UserFacingError: Error, CustomStringConvertible, Sendable {
    var kind: FailureKind { get }
}

/// A command-line or parameter error, e.g. an unknown option or an invalid choice.
public struct UsageError: UserFacingError {
    public let message: String
    public var kind: FailureKind { .usage }
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// An internal failure that is not the user's fault.
public struct InternalError: UserFacingError {
    public let message: String
    public var kind: FailureKind { .internal }
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// An error reported by code Tolok does not own (an external plugin), carried with its kind.
public struct ReportedError: UserFacingError {
    public let kind: FailureKind
    public let message: String
    public init(kind: FailureKind, message: String) {
        self.kind = kind
        self.message = message
    }
    public var description: String { message }
}
