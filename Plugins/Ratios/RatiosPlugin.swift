import TolokCore
import TolokPluginKit

/// Single-ratio performance indicators ("indikator kinerja" of the underwriting working document;
/// docs/MODELS.md §5): for every output r and input i, the ratio y_r / x_i of each unit, and that ratio relative to the
/// best unit's, y_r/x_i ÷ max_j (y_rj/x_ij) ∈ [0, 1].
///
/// The document notes the limits of this view (each ratio ranks units differently when there are
/// several inputs and outputs; scale is ignored) and motivates DEA from it; the ratios remain the
/// first thing management asks for. Inputs must be strictly positive, outputs non-negative.
///
/// Shipped as an *external* plugin: built as a shared library and loaded through the C ABI,
/// to prove that path end to end (docs/PLUGINS.md).
public struct RatiosPlugin: AnalysisPlugin {
    public init() {}

    static let options = RatiosOptions()

    public let descriptor = PluginDescriptor(
        id: "ratios",
        version: "1.0.0",
        summary: "Single-ratio performance indicators: each output per each input, and relative to the best unit",
        options: options,
        references: [
            "Insurers' underwriting working document (003), §2.1.2 Indikator Kinerja (performance indicators): output/input ratios; restated in docs/MODELS.md §5.",
            "Cooper, W.W., Seiford, L.M. & Tone, K. (2007). Data Envelopment Analysis, 2nd ed., Springer, §1.2 (single-input single-output ratios).",
        ])

    public func run(_ request: AnalysisRequest) throws -> AnalysisResult {
        let data = request.dataset
        let inputNames = try request.option(Self.options.inputs)
        let outputNames = try request.option(Self.options.outputs)
        let ids = try data.ids(column: request.idColumn)
        let inputs = try inputNames.map { try data.numbers($0, .positive) }
        let outputs = try outputNames.map { try data.numbers($0, .nonNegative) }

        var columns = [ResultColumn("id", .text), ResultColumn("status", .text)]
        var ratioColumns: [[Double]] = []
        var summary: [(name: String, value: Value)] = [("units", .integer(ids.count))]
        for (r, y) in outputs.enumerated() {
            for (i, x) in inputs.enumerated() {
                let name = "\(outputNames[r])_per_\(inputNames[i])"
                let ratio = zip(y, x).map { $0 / $1 }
                // Inputs are positive and outputs non-negative, so a ratio is finite unless the
                // division overflows (an input near the smallest double): refuse rather than rank
                // a unit as infinitely productive.
                if let k = ratio.firstIndex(where: { !$0.isFinite }) {
                    throw DataError(source: data.source, line: data.rowLines[k], dataRow: k + 1, column: inputNames[i],
                                    expected: "an input large enough that \(outputNames[r]) / \(inputNames[i]) is a finite number",
                                    got: "\(x[k])")
                }
                let best = ratio.max() ?? 0
                // All outputs zero: every ratio is 0 and none is relative to a best unit.
                if best == 0 {
                    throw DataError(source: data.source, column: outputNames[r],
                                    expected: "at least one positive value (every unit's \(outputNames[r]) is 0, so ratios relative to the best are undefined); leave the column out")
                }
                columns.append(ResultColumn(name))
                columns.append(ResultColumn(name + "_relative", .fraction))
                ratioColumns.append(ratio)
                ratioColumns.append(ratio.map { best > 0 ? $0 / best : .nan })
                summary.append(("best_" + name, best > 0 ? ratio.firstIndex(of: best).map { .text(ids[$0]) } ?? .missing : .missing))
            }
        }
        // Typed columns (issue #10): the ratios as doubles, non-finite ones missing (Value.optional).
        var builder = TableBuilder(name: "units", ids: ids, statuses: [UnitStatus](repeating: .ok, count: ids.count))
        for (k, column) in columns.dropFirst(2).enumerated() {
            let values = ratioColumns[k]
            var missing: [Bool]? = nil
            for (i, x) in values.enumerated() where !x.isFinite {
                if missing == nil { missing = [Bool](repeating: false, count: values.count) }
                missing![i] = true
            }
            builder.add(column, storage: .numbers(values, missing: missing))
        }
        let table = builder.table
        var notes: [String] = []
        if ratioColumns.count > 2 {
            notes.append("With several inputs or outputs each ratio ranks units differently; see the dea plugin for one combined score.")
        }
        return AnalysisResult(plugin: descriptor.id, version: descriptor.version, tables: [table], summary: summary, notes: notes)
    }
}

/// The C ABI entry point of this shared library (docs/PLUGINS.md).
@_cdecl("tolok_plugin_entry")
public func tolokPluginEntry() -> UnsafeRawPointer {
    PluginExport.entryV2(RatiosPlugin())
}

/// The options of `tolok run ratios`, each declared once.
struct RatiosOptions: PluginOptions {
    let inputs = PluginOption.columns("inputs", values: .positive, help: "input columns (denominators), strictly positive")
    let outputs = PluginOption.columns("outputs", values: .nonNegative, help: "output columns (numerators), non-negative")
}
