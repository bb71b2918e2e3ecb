import CTolokPluginABI
import Foundation
import Synchronization
import TolokCore

/// Wraps a Swift ``AnalysisPlugin`` into the C ABI (docs/PLUGINS.md), for plugins built as
/// shared libraries. A plugin module exports its entry point with one function:
///
/// ```swift
/// @_cdecl("tolok_plugin_entry")
/// public func tolokPluginEntry() -> UnsafeRawPointer { PluginExport.entry(MyPlugin()) }
/// ```
/// One plugin per library: the first call installs the plugin; later calls return the same table.
/// ``entry(_:)`` exports ABI version 1 (the result as one JSON document); ``entryV2(_:)`` exports
/// ABI version 2 (result tables as typed column buffers: much faster for large tables).
public enum PluginExport {
    private struct State: @unchecked Sendable {
        // The table and descriptor text live for the process lifetime (never freed),
        // as the ABI requires; they are written once under the lock, then only read.
        var plugin: (any AnalysisPlugin)?
        var table: UnsafeRawPointer?
        var descriptor: UnsafeMutablePointer<CChar>?
    }
    private static let state = Mutex(State())

    /// Installs `plugin` (first call only) and returns the address of its static function table.
    public static func entry(_ plugin: @autoclosure () -> any AnalysisPlugin) -> UnsafeRawPointer {
        install(plugin) {
            let table = UnsafeMutablePointer<tolok_plugin_v1>.allocate(capacity: 1)
            table.initialize(to: tolok_plugin_v1(
                abi_version: UInt32(TOLOK_PLUGIN_ABI_VERSION),
                descriptor_json: { PluginExport.descriptorText() },
                run: { data, parameters, result, error in
                    PluginExport.run(data, parameters, error) { r in result?.pointee = strdup(ResultInterchange.encode(r)) }
                },
                free_string: { free($0) }))
            return UnsafeRawPointer(table)
        }
    }

    /// Installs `plugin` (first call only) and returns the address of its ABI version 2 table.
    public static func entryV2(_ plugin: @autoclosure () -> any AnalysisPlugin) -> UnsafeRawPointer {
        install(plugin) {
            let table = UnsafeMutablePointer<tolok_plugin_v2>.allocate(capacity: 1)
            table.initialize(to: tolok_plugin_v2(
                abi_version: UInt32(TOLOK_PLUGIN_ABI_VERSION_2),
                descriptor_json: { PluginExport.descriptorText() },
                run: { data, parameters, result, error in
                    PluginExport.run(data, parameters, error) { r in result?.pointee = try ColumnarExport.make(r) }
                },
                free_result: { ColumnarExport.free($0) },
                free_string: { free($0) }))
            return UnsafeRawPointer(table)
        }
    }

    private static func install(_ plugin: () -> any AnalysisPlugin, _ makeTable: () -> UnsafeRawPointer) -> UnsafeRawPointer {
        state.withLock { s in
            if let table = s.table { return table }
            let p = plugin()
            let json = (try? String(decoding: JSONEncoder().encode(p.descriptor), as: UTF8.self)) ?? "{}"
            s.plugin = p
            s.descriptor = strdup(json)
            let table = makeTable()
            s.table = table
            return table
        }
    }

    static func descriptorText() -> UnsafePointer<CChar>? {
        state.withLock { UnsafePointer($0.descriptor) }
    }

    static func run(_ data: UnsafePointer<tolok_table>?, _ parametersJSON: UnsafePointer<CChar>?,
                    _ errorOut: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                    deliver: (AnalysisResult) throws -> Void) -> Int32 {
        func fail(_ code: Int32, _ message: String) -> Int32 {
            errorOut?.pointee = strdup(message)
            return code
        }
        guard let plugin = state.withLock({ $0.plugin }) else { return fail(TOLOK_PLUGIN_FAILURE, "plugin not installed") }
        guard let data else { return fail(TOLOK_PLUGIN_FAILURE, "no data table") }
        do {
            let dataset = TableMarshalling.dataset(from: data.pointee)
            let idColumn = data.pointee.id_column.map { String(cString: $0) }
            let parameters = try TableMarshalling.parameters(fromJSON: parametersJSON.map { String(cString: $0) } ?? "{}",
                                                             order: plugin.descriptor.parameters.map(\.name))
            let request = AnalysisRequest(dataset: dataset, idColumn: idColumn, parameters: parameters)
            let result = try plugin.run(request)
            try deliver(result)
            return TOLOK_PLUGIN_OK
        } catch let e as UserFacingError {
            return fail(e.kind == .internal ? TOLOK_PLUGIN_FAILURE : TOLOK_PLUGIN_INPUT_ERROR, e.description)
        } catch {
            return fail(TOLOK_PLUGIN_FAILURE, String(describing: error))
        }
    }
}
