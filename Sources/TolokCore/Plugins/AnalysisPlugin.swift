/// What a plugin is asked to analyse: the main dataset, the id column, parsed parameters and
/// any further files the plugin declared (parameters of kind ``ParameterKind/file``).
public struct AnalysisRequest: Sendable {
    public var dataset: Dataset
    /// The `--id` column, when given.
    public var idColumn: String?
    public var parameters: Parameters
    /// Datasets loaded for `file` parameters, by parameter name.
    public var files: [String: Dataset]
    /// Where long computations report progress (the host shows it on stderr), if anywhere.
    public var progress: ProgressReporter?

    public init(dataset: Dataset, idColumn: String? = nil, parameters: Parameters = Parameters(), files: [String: Dataset] = [:],
                progress: ProgressReporter? = nil) {
        self.dataset = dataset
        self.idColumn = idColumn
        self.parameters = parameters
        self.files = files
        self.progress = progress
    }

    /// The dataset loaded for a `file` parameter, or a usage error when it was not given.
    public func file(_ name: String) throws -> Dataset {
        guard let d = files[name] else { throw UsageError("missing required option --\(name) FILE") }
        return d
    }
}

/// An analysis that Tolok can run: DEA, a frontier, a reconciliation, …
///
/// A plugin computes and returns a typed ``AnalysisResult``; it never prints, never reads
/// the command line and never exits. Bad data or parameters are thrown as ``DataError`` or
/// ``UsageError``; per-unit numerical trouble (an infeasible LP, a non-converged fit) is a
/// per-unit status in the result, never a dropped unit.
public protocol AnalysisPlugin: Sendable {
    var descriptor: PluginDescriptor { get }
    func run(_ request: AnalysisRequest) throws -> AnalysisResult
}
