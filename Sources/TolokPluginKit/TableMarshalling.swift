import CTolokPluginABI
import Foundation
import TolokCore

/// Conversions between TolokCore values and the C ABI's plain buffers.
enum TableMarshalling {
    /// Rebuilds a dataset from a C table: the numeric columns, plus the ids as a text column
    /// named after the id column (when there is one).
    static func dataset(from t: tolok_table) -> Dataset {
        let n = t.row_count
        var columns: [Column] = []
        for j in 0..<t.column_count {
            let name = String(cString: t.column_names[j]!)
            // NaN is a missing cell; the raw text (for messages) is made only when asked for.
            let cells = NumericCells(nanAsMissing: UnsafeBufferPointer(start: t.values + j * n, count: n))
            columns.append(Column(name: name, position: j + 1, values: .numeric(cells), raw: RawCells(numbers: cells)))
        }
        if let idName = t.id_column.map({ String(cString: $0) }) {
            let ids = (0..<n).map { String(cString: t.ids[$0]!) }
            columns.insert(Column(name: idName, position: 0, values: .text(ids), raw: ids), at: 0)
        }
        let lines: [Int] = (0..<n).map { i in t.row_lines.map { Int($0[i]) } ?? i + 2 }
        return Dataset(source: String(cString: t.source), columns: columns, rowLines: lines)
    }

    /// Parameters from the JSON object the host sends (name → value).
    static func parameters(fromJSON text: String, order: [String]) throws -> Parameters {
        let decoded = try JSONDecoder().decode([String: ParameterValue].self, from: Data(text.utf8))
        let names = decoded.keys.sorted { (order.firstIndex(of: $0) ?? Int.max, $0) < (order.firstIndex(of: $1) ?? Int.max, $1) }
        return Parameters(names.map { ($0, decoded[$0]!) })
    }

    /// The JSON object sent to a plugin for its parameters.
    static func parametersJSON(_ p: Parameters) -> String {
        var dict: [String: ParameterValue] = [:]
        for (name, value) in p.values { dict[name] = value }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? String(decoding: encoder.encode(dict), as: UTF8.self)) ?? "{}"
    }
}
