import Foundation
import TolokCore
import TolokFrontierModel
import TolokNumerics

/// The dependent variable and the regressors of an `ols` or `sfa` run, built from dataset
/// columns: optionally in natural logs (`--log`) and, for the translog, with the second-order
/// terms ½(ln x_j)² and ln x_j · ln x_k, j < k (Christensen, Jorgenson & Lau 1973, eq. (2);
/// the ½ follows Kumbhakar, Wang & Horncastle 2015, eq. (2.9)). FRONTIER 4.1's translog
/// example (Coelli 1996, eg1tl) does not halve the squares, so its coefficients on squares are
/// half of ours; every other number (ℓ, σ², γ, efficiencies, cross-product coefficients) is
/// the same.
///
/// The constant is not a column here: the estimators add it.
struct RegressorDesign {
    /// The response, logged when `logged`.
    var y: [Double]
    /// Term names, e.g. `log(capital)`, `0.5*log(capital)^2`, `log(capital)*log(labour)`.
    var names: [String]
    /// One array per term.
    var columns: [[Double]]
    /// Whether y and x were logged by the plugin.
    var logged: Bool
    /// Whether the translog second-order terms were added.
    var translog: Bool

    /// The regressors as an n × k matrix (without the constant).
    var matrix: Matrix { Matrix(rows: y.count, columns: columns.count, columnMajor: columns.flatMap { $0 })! }

    /// Builds the design. With `log`, every value of y and x must be positive: the first that is
    /// not is reported as a `DataError` naming file, line, data row and column.
    static func build(_ data: Dataset, y yName: String, x xNames: [String], log: Bool, translog: Bool) throws -> RegressorDesign {
        var seen = Set<String>()
        for name in xNames where !seen.insert(name).inserted {
            throw UsageError("--x names column \"\(name)\" twice")
        }
        if xNames.contains(yName) { throw UsageError("column \"\(yName)\" is both --y and one of --x") }
        let y = try values(data, yName, log: log)
        var names = xNames.map { log ? "log(\($0))" : $0 }
        var columns = try xNames.map { try values(data, $0, log: log) }
        if translog {
            let first = columns, firstNames = names
            for j in first.indices {
                names.append("0.5*\(firstNames[j])^2")
                columns.append(first[j].map { 0.5 * $0 * $0 })
            }
            for j in first.indices {
                for k in (j + 1)..<first.count {
                    names.append("\(firstNames[j])*\(firstNames[k])")
                    columns.append(zip(first[j], first[k]).map { $0 * $1 })
                }
            }
        }
        return RegressorDesign(y: y, names: names, columns: columns, logged: log, translog: translog)
    }

    /// A column's numbers (finite), or their natural logs (positive values required).
    static func values(_ data: Dataset, _ name: String, log: Bool) throws -> [Double] {
        guard log else { return try data.numbers(name, .finite) }
        do {
            return try data.numbers(name, .positive).map { Foundation.log($0) }
        } catch var error as DataError {
            error.expected += " (--log takes natural logarithms)"
            throw error
        }
    }

    /// Named covariate columns as an n × q matrix (nil for an empty list).
    static func covariates(_ data: Dataset, _ names: [String], option: String) throws -> (names: [String], matrix: Matrix)? {
        guard !names.isEmpty else { return nil }
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted {
            throw UsageError("--\(option) names column \"\(name)\" twice")
        }
        let columns = try names.map { try data.numbers($0, .finite) }
        return (names, Matrix(columns: columns)!)
    }
}
