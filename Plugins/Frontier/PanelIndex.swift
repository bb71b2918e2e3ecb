import Foundation
import TolokCore
import TolokFrontierModel

/// The panel structure of an `sfa` run with `--id` and `--period`: firms numbered in order of
/// first appearance and integer periods (e.g. years). Each id occurs at most once per period
/// (`Dataset.ids(column:uniqueWithin:)`); the panel may be unbalanced.
struct PanelIndex {
    /// The id of each row.
    let ids: [String]
    /// The period label of each row, as written.
    let periodLabels: [String]
    /// The firm number of each row (0, 1, … in order of first appearance).
    let firm: [Int]
    /// The integer period of each row.
    let period: [Int]
    /// Firm ids in order of first appearance.
    let firmIds: [String]

    var firms: Int { firmIds.count }
    var periods: Int { Set(period).count }

    static func build(_ data: Dataset, idColumn: String, periodColumn: String) throws -> PanelIndex {
        let ids = try data.ids(column: idColumn, uniqueWithin: periodColumn)
        let labels = try data.texts(periodColumn)
        var period = [Int](repeating: 0, count: labels.count)
        for (r, label) in labels.enumerated() {
            let text = label.trimmingCharacters(in: .whitespaces)
            if let t = Int(text) {
                period[r] = t
            } else if let x = Double(text), x == x.rounded(), abs(x) < 1e15 {
                period[r] = Int(x)
            } else {
                throw data.cellError(row: r, column: periodColumn, expected: "an integer period (e.g. a year)", got: label)
            }
        }
        var number: [String: Int] = [:]
        var firmIds: [String] = []
        let firm = ids.map { id -> Int in
            if let k = number[id] { return k }
            number[id] = firmIds.count
            firmIds.append(id)
            return firmIds.count - 1
        }
        return PanelIndex(ids: ids, periodLabels: labels, firm: firm, period: period, firmIds: firmIds)
    }
}
