import Foundation
import TolokNumerics
@testable import TolokFrontier

/// Reads the reference data in `Datasets/` (see `Datasets/SOURCES-FRONTIER.md`).
enum Reference {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Datasets")

    /// A numeric CSV with a header: column name → values.
    static func csv(_ name: String) throws -> [String: [Double]] {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst().split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        var columns = [String: [Double]]()
        for h in header { columns[h] = [] }
        for line in lines where !line.isEmpty {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            for (h, c) in zip(header, cells) { columns[h]!.append(Double(c.trimmingCharacters(in: .whitespaces)) ?? .nan) }
        }
        return columns
    }

    /// The `models` list of an expected-values JSON file.
    static func models(_ name: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        let root = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        return root["models"] as! [[String: Any]]
    }

    /// The entry with the given model id whose source contains `source`.
    static func entry(_ file: String, model: String, source: String) throws -> [String: Any] {
        let all = try models(file).filter { ($0["model"] as? String) == model && (($0["source"] as? String) ?? "").contains(source) }
        precondition(all.count == 1, "\(all.count) entries for \(model) / \(source)")
        return all[0]
    }

    static func matrix(_ columns: [[Double]]) -> Matrix { Matrix(columns: columns)! }
}

extension Dictionary where Key == String, Value == Any {
    func number(_ key: String) -> Double { (self[key] as! NSNumber).doubleValue }
    func numbers(_ key: String) -> [Double] { (self[key] as! [NSNumber]).map(\.doubleValue) }
    func dict(_ key: String) -> [String: Any] { self[key] as! [String: Any] }
}

/// |a − b| ≤ tol · max(|b|, floor): relative, with an absolute floor for values near zero.
func relClose(_ a: Double, _ b: Double, _ tol: Double, floor: Double = 1e-300) -> Bool {
    abs(a - b) <= tol * max(abs(b), floor)
}

func relErr(_ a: Double, _ b: Double) -> Double { abs(a - b) / abs(b) }
