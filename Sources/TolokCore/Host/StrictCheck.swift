import TolokDomain
/// `--strict`: which units of a result are not `ok`, counted by status over every table that has
/// a `status` column (a fit that did not converge marks every unit with its status).
public enum StrictCheck {
    /// A one-line description of the rows that are not `ok`, or nil when all are.
    public static func problem(in result: AnalysisResult) -> String? {
        var counts: [String: Int] = [:]
        var order: [String] = []
        var total = 0
        for table in result.tables {
            guard let c = table.columns.firstIndex(where: { $0.name == "status" }) else { continue }
            for row in table.rows {
                total += 1
                guard case .text(let status) = row[c], status != UnitStatus.ok.rawValue else { continue }
                if counts[status] == nil { order.append(status) }
                counts[status, default: 0] += 1
            }
        }
        guard !order.isEmpty else { return nil }
        let bad = counts.values.reduce(0, +)
        return "--strict: \(bad) of \(total) rows are not ok (\(order.map { "\($0) \(counts[$0]!)" }.joined(separator: ", "))); the output was written"
    }
}
