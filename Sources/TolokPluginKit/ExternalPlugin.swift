import CTolokPluginABI
import Foundation
import TolokCore

/// A plugin in a shared library, presented to the host as an ordinary ``AnalysisPlugin`` and run
/// in a child process (``PluginProcess``): the library is never loaded into the host.
public struct ExternalPlugin: AnalysisPlugin {
    public let descriptor: PluginDescriptor
    /// The file it was found in.
    public let path: String
    /// How long one run may take before the child is stopped.
    public let timeout: Double

    init(descriptor: PluginDescriptor, path: String, timeout: Double) {
        self.descriptor = descriptor
        self.path = path
        self.timeout = timeout
    }

    private var label: String { "plugin \(descriptor.id) (\(path))" }

    public func run(_ request: AnalysisRequest) throws -> AnalysisResult {
        let data = request.dataset
        // The ABI carries numbers only: every column the plugin names must be numeric. The host
        // has checked declared requirements already; check the rest here, where the cell text
        // is still at hand for the error message.
        for spec in descriptor.parameters where spec.values == nil {
            switch (spec.kind, request.parameters[spec.name]) {
            case (.column, .text(let c)?): _ = try data.numbers(c, .finite)
            case (.columns, .list(let cs)?): for c in cs { _ = try data.numbers(c, .finite) }
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
        let request = PluginRequest(header: .init(rows: n, columns: numeric.map(\.name), idColumn: request.idColumn, source: data.source,
                                                  parameters: TableMarshalling.parametersJSON(request.parameters),
                                                  ids: ids, rowLines: data.rowLines.map(Int64.init)),
                                    values: values)
        let (status, payload) = try PluginProcess.exchange(library: path, mode: .run, request: try request.encoded(),
                                                           timeout: timeout, label: label)
        switch status {
        case TOLOK_PLUGIN_OK:
            let result: AnalysisResult
            if ColumnarFrame.isFrame(payload) {
                do { result = try ColumnarFrame.decode(payload) } catch {
                    throw InternalError("\(label) returned an invalid ABI 2 result: \(error)")
                }
                if !descriptor.tables.isEmpty, let t = result.tables.first(where: { !descriptor.tables.contains($0.name) }) {
                    throw InternalError("\(label) returned table \"\(OutputText.excerpt(t.name))\", which its descriptor does not declare (\(descriptor.tables.joined(separator: ", ")))")
                }
            } else {
                do { result = try ResultInterchange.decode(String(decoding: payload, as: UTF8.self)) } catch {
                    throw InternalError("\(label) returned a result that is not a result document of ABI \(TOLOK_PLUGIN_ABI_VERSION): \(error)")
                }
            }
            try ResultValidation.check(result, units: ids, descriptor: descriptor, label: label)
            return result
        case TOLOK_PLUGIN_INPUT_ERROR:
            let text = String(decoding: payload, as: UTF8.self)
            throw ReportedError(kind: .data, message: OutputText.excerpt(text, limit: 500))
        case TOLOK_PLUGIN_FAILURE:
            let text = String(decoding: payload, as: UTF8.self)
            throw ReportedError(kind: .internal, message: "\(label) failed: \(OutputText.excerpt(text, limit: 500))")
        default:
            throw InternalError("\(label) returned status \(status), which ABI \(TOLOK_PLUGIN_ABI_VERSION) does not define")
        }
    }
}

/// Checks a result from outside the host against the contract the host's own plugins keep.
enum ResultValidation {
    /// - The `units` table, when present, has one row per unit, in the data's order (`id`), and
    ///   a `status` from the shared vocabulary.
    /// - In every row whose status is `ok`, every numeric cell is a finite number: a missing or
    ///   non-finite score must come with a status that says why.
    /// A cell as a message quotes it.
    static func shown(_ v: Value) -> String {
        switch v {
        case .text(let t): return "\"\(OutputText.excerpt(t))\""
        case .missing: return "empty"
        case .number(let x): return "\(x)"
        case .integer(let i): return "\(i)"
        case .money(let d): return "\(d)"
        case .bool(let b): return "\(b)"
        case .peers(_, let t): return "\"\(OutputText.excerpt(t))\""
        }
    }

    static func check(_ result: AnalysisResult, units ids: [String], descriptor: PluginDescriptor, label: String) throws {
        guard result.plugin == descriptor.id else {
            throw InternalError("\(label) returned a result for plugin \"\(result.plugin)\"")
        }
        guard let units = result.table("units") else { return }
        func fail(_ what: String) -> InternalError { InternalError("\(label) returned an invalid units table: \(what)") }
        guard units.rowCount == ids.count else { throw fail("\(units.rowCount) rows for \(ids.count) units") }
        if let k = units.columnIndex("id") {
            let idCells = units.cells(k)
            for r in 0..<units.rowCount where idCells.value(at: r) != .text(ids[r]) {
                throw fail("row \(r + 1) is for unit \(shown(idCells.value(at: r))), expected \"\(OutputText.excerpt(ids[r]))\"")
            }
        }
        guard let s = units.columnIndex("status") else { throw fail("no status column") }
        let numeric = units.columns.indices.filter { ![.text, .bool].contains(units.columns[$0].format) }
        for r in 0..<units.rowCount {
            let row = units.row(r)
            guard let text = row[s].string, let status = UnitStatus(rawValue: text) else {
                throw fail("row \(r + 1) has status \(shown(row[s])), which is not one of \(UnitStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard status == .ok else { continue }
            for c in numeric {
                let ok: Bool
                switch row[c] {
                case .number(let x): ok = x.isFinite
                case .integer, .money: ok = true
                default: ok = false
                }
                if !ok { throw fail("row \(r + 1) (unit \(OutputText.excerpt(ids[r]))) is ok but its \(units.columns[c].name) is not a finite number") }
            }
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
