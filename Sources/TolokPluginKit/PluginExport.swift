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
public enum PluginExport {
    private struct State: @unchecked Sendable {
        // The table and descriptor text live for the process lifetime (never freed),
        // as the ABI requires; they are written once under the lock, then only read.
        var plugin: (any AnalysisPlugin)?
        var table: UnsafeMutablePointer<tolok_plugin_v1>?
        var descriptor: UnsafeMutablePointer<CChar>?
    }
    private static let state = Mutex(State())

    /// Installs `plugin` (first call only) and returns the address of its static function table.
    public static func entry(_ plugin: @autoclosure () -> any AnalysisPlugin) -> UnsafeRawPointer {
        state.withLock { s in
            if let table = s.table { return UnsafeRawPointer(table) }
            let p = plugin()
            let json = (try? String(decoding: JSONEncoder().encode(p.descriptor), as: UTF8.self)) ?? "{}"
            s.plugin = p
            s.descriptor = strdup(json)
            let table = UnsafeMutablePointer<tolok_plugin_v1>.allocate(capacity: 1)
            table.initialize(to: tolok_plugin_v1(
                abi_version: UInt32(TOLOK_PLUGIN_ABI_VERSION),
                descriptor_json: { PluginExport.descriptorText() },
                run: { data, parameters, result, error in PluginExport.run(data, parameters, result, error) },
                free_string: { free($0) }))
            s.table = table
            return UnsafeRawPointer(table)
        }
    }

    static func descriptorText() -> UnsafePointer<CChar>? {
        state.withLock { UnsafePointer($0.descriptor) }
    }

    static func run(_ data: UnsafePointer<tolok_table>?, _ parametersJSON: UnsafePointer<CChar>?,
                    _ resultOut: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                    _ errorOut: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
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
            resultOut?.pointee = strdup(ResultInterchange.encode(result))
            return TOLOK_PLUGIN_OK
        } catch let e as UserFacingError {
            return fail(e.kind == .internal ? TOLOK_PLUGIN_FAILURE : TOLOK_PLUGIN_INPUT_ERROR, e.description)
        } catch {
            return fail(TOLOK_PLUGIN_FAILURE, String(describing: error))
        }
    }
}
