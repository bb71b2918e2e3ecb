/// The kind of failure, which decides the process exit code of the `tolok` host.
public enum FailureKind: Sendable, Equatable {
    /// The command line was wrong (unknown option, missing parameter): exit 2.
    case usage
    /// The data were wrong (missing file, bad cell, duplicate id): exit 2.
    case data
    /// Tolok itself failed (a bug, an I/O failure writing output): exit 1.
    case `internal`
    /// `--strict`: the run completed and its output was written, but some unit or fit is not
    /// `ok` (infeasible, not converged, missing data, …): exit 3.
    case notOK

    /// The exit status the host uses for this kind of failure.
    public var exitCode: Int32 {
        switch self {
        case .usage, .data: return 2
        case .internal: return 1
        case .notOK: return 3
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

/// `--strict` found units whose status is not `ok`; the output was written in full.
public struct StrictStatusError: UserFacingError {
    public let message: String
    public var kind: FailureKind { .notOK }
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
