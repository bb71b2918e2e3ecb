import Foundation
import TolokCore
@testable import TolokDEAModel
@testable import TolokDEA

/// Reads `Datasets/` files for regression tests.
enum Datasets {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Datasets")

    static func path(_ name: String) -> String { root.appendingPathComponent(name).path }

    static func load(_ name: String) throws -> Dataset { try CSVLoader.load(path: path(name)) }

    /// Expected values by unit id and column (empty cells → nil).
    static func expected(_ name: String) throws -> [String: [String: Double?]] {
        let d = try load(name)
        let ids = try d.texts(d.columnNames[0])
        var out: [String: [String: Double?]] = [:]
        for (r, id) in ids.enumerated() {
            var row: [String: Double?] = [:]
            for c in d.columns.dropFirst() { row[c.name] = Double(c.raw[r]) }
            out[id] = row
        }
        return out
    }

    /// DEA data from named columns.
    static func deaData(_ d: Dataset, inputs: [String], outputs: [String]) throws -> DEAData {
        DEAData(inputs: try inputs.map { try d.numbers($0) }, outputs: try outputs.map { try d.numbers($0) })
    }
}
