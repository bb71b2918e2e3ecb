import CTolokPluginABI
import Foundation
import TolokCore

/// A plugin loaded from a shared library through the C ABI, presented to the host as an
/// ordinary ``AnalysisPlugin``.
public struct ExternalPlugin: AnalysisPlugin, @unchecked Sendable {
    // The table is static in the loaded library, which is never unloaded; its functions must
    // be safe to call from any thread (docs/PLUGINS.md says so).
    private let table: UnsafePointer<tolok_plugin_v1>
    public let descriptor: PluginDescriptor
    /// The file it was loaded from.
    public let path: String

    init(table: UnsafePointer<tolok_plugin_v1>, descriptor: PluginDescriptor, path: String) {
        self.table = table
        self.descriptor = descriptor
        self.path = path
    }

    public func run(_ request: AnalysisRequest) throws -> AnalysisResult {
        let data = request.dataset
        // The ABI carries numbers only: every column the plugin names must be numeric. The host
        // has checked declared requirements already; check the rest here, where the cell text
        // is still at hand for the error message.
        for spec in descriptor.parameters where spec.values == nil {
            switch spec.kind {
            case .column: if let c = request.parameters.text(spec.name) { _ = try data.numbers(c, .finite) }
            case .columns: for c in request.parameters.list(spec.name) { _ = try data.numbers(c, .finite) }
            default: break
            }
        }
        let ids = try data.ids(column: request.idColumn)
        let numeric = data.columns.filter(\.isNumeric)
        let n = data.rowCount
        var values = [Double](repeating: .nan, count: n * numeric.count)
        for (j, c) in numeric.enumerated() {
            guard case .numeric(let v) = c.values else { continue }
            for i in 0..<n { values[j * n + i] = v[i] ?? .nan }
        }
        let lines = data.rowLines.map(Int64.init)
        let parametersJSON = TableMarshalling.parametersJSON(request.parameters)

        var status: Int32 = TOLOK_PLUGIN_FAILURE
        var resultText: UnsafeMutablePointer<CChar>?
        var errorText: UnsafeMutablePointer<CChar>?
        withCStrings(numeric.map(\.name)) { names in
            withCStrings(ids) { idPointers in
                values.withUnsafeBufferPointer { valueBuffer in
                    lines.withUnsafeBufferPointer { lineBuffer in
                        data.source.withCString { source in
                            withOptionalCString(request.idColumn) { idColumn in
                                var t = tolok_table(row_count: n, column_count: numeric.count, column_names: names,
                                                    values: valueBuffer.baseAddress, ids: idPointers, id_column: idColumn,
                                                    row_lines: lineBuffer.baseAddress, source: source)
                                status = table.pointee.run(&t, parametersJSON, &resultText, &errorText)
                            }
                        }
                    }
                }
            }
        }
        defer {
            if let resultText { table.pointee.free_string(resultText) }
            if let errorText { table.pointee.free_string(errorText) }
        }
        let message = errorText.map { String(cString: $0) } ?? "no message"
        switch status {
        case TOLOK_PLUGIN_OK:
            guard let resultText else { throw InternalError("plugin \(descriptor.id) returned no result") }
            return try ResultInterchange.decode(String(cString: resultText))
        case TOLOK_PLUGIN_INPUT_ERROR:
            throw ReportedError(kind: .data, message: message)
        default:
            throw ReportedError(kind: .internal, message: "plugin \(descriptor.id) failed: \(message)")
        }
    }
}

/// Calls `body` with a C array of C strings valid for its duration.
func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer($0) }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress ?? UnsafePointer(bitPattern: 8)!) }
}

func withOptionalCString<R>(_ s: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let s else { return body(nil) }
    return s.withCString { body($0) }
}
