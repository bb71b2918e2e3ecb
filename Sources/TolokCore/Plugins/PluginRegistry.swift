import Synchronization

/// The plugins known to this process, by id.
///
/// Thread-safe (`Sendable` via a `Mutex`) so that built-ins can register at start-up and
/// external plugins can be added by the loader from any context.
public final class PluginRegistry: Sendable {
    private let plugins = Mutex<[String: any AnalysisPlugin]>([:])
    private let problems = Mutex<[String]>([])

    public init() {}

    /// Registers a plugin. A second plugin with the same id is refused (the first wins) and
    /// recorded as a problem, so a stray external library cannot shadow a built-in.
    @discardableResult
    public func register(_ plugin: any AnalysisPlugin, origin: String = "built-in") -> Bool {
        let id = plugin.descriptor.id
        let added = plugins.withLock { table -> Bool in
            guard table[id] == nil else { return false }
            table[id] = plugin
            return true
        }
        if !added { recordProblem("\(origin): a plugin with id \"\(id)\" is already registered; ignored") }
        return added
    }

    /// Records a problem found while loading plugins (shown by `tolok plugins`).
    public func recordProblem(_ message: String) {
        problems.withLock { $0.append(message) }
    }

    /// Problems recorded while loading plugins.
    public var loadProblems: [String] { problems.withLock { $0 } }

    /// The plugin with this id.
    public func plugin(id: String) -> (any AnalysisPlugin)? {
        plugins.withLock { $0[id] }
    }

    /// All plugins sorted by id.
    public var all: [any AnalysisPlugin] {
        plugins.withLock { Array($0.values) }.sorted { $0.descriptor.id < $1.descriptor.id }
    }
}
