import Foundation
import Testing
import TolokCore
import TolokTestSupport

// The `ols` and `sfa` plugins run through `TolokTestSupport.PluginHarness` (the host's own
// path, `AnalysisRunner`). What follows reads their result tables; every accessor throws
// (`HarnessError`) when the table, column, row or value it looks for is absent, so a test
// cannot pass by comparing nothing.

/// One row of a `coefficients` table.
struct CoefficientRow {
    var estimate: Double
    var standardError: Double
    var t: Double
    var p: Double
}

extension AnalysisResult {
    /// The `coefficients` row of a term.
    func coefficient(_ term: String) throws -> CoefficientRow {
        let table = try requireTable("coefficients")
        guard let k = try table.texts("term").firstIndex(of: term) else {
            throw HarnessError("no term \(term) in the coefficients table (has: \(try table.texts("term")))")
        }
        return CoefficientRow(estimate: try table.numbers("estimate")[k], standardError: try table.numbers("std_error")[k],
                              t: try table.numbers("t")[k], p: try table.numbers("p")[k])
    }

    /// Term names of the `coefficients` table in order.
    var terms: [String] { get throws { try requireTable("coefficients").texts("term") } }

    /// A numeric summary value.
    func number(_ name: String) throws -> Double { try summaryNumber(name) }

    /// A numeric column of a table (missing cells as NaN).
    func column(_ name: String, table tableName: String = "units") throws -> [Double] {
        try requireTable(tableName).numbers(name)
    }

    /// A text column of a table.
    func texts(_ name: String, table tableName: String = "units") throws -> [String] {
        try requireTable(tableName).texts(name)
    }
}

/// Element-wise |ours − reference| ≤ rel · max(|reference|, floor), and the same length: a
/// shorter column (or a missing one, as an empty list) fails instead of comparing less.
func expectClose(_ ours: [Double], _ reference: [Double], _ rel: Double, floor: Double = 1e-300, _ what: String,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(ours.count == reference.count, "\(what): \(ours.count) values, reference \(reference.count)",
            sourceLocation: sourceLocation)
    for (i, (a, b)) in zip(ours, reference).enumerated() {
        #expect(relClose(a, b, rel, floor: floor), "\(what)[\(i)]: \(a) vs \(b)", sourceLocation: sourceLocation)
    }
}
