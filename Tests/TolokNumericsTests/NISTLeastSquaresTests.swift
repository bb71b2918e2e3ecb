import Foundation
import Testing
@testable import TolokNumerics

// NIST StRD linear least squares (Datasets/nist_*.csv and nist_*.expected.json, provenance in
// Datasets/SOURCES-NIST.md). Accuracy is measured by the log relative error (docs/ACCURACY.md,
// "Measure"; McCullough 1998)
//   LRE = −log10(|est − cert| / |cert|), or −log10|est − cert| when cert = 0, capped at 15.
// The measured values are tabulated in docs/ACCURACY.md; `documentedTablesMatchMeasurement`
// checks that the tables there are what the code measures.

/// The repository's Datasets/ folder, found from this file's path (no resource bundles).
private let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()    // TolokNumericsTests
    .deletingLastPathComponent()    // Tests
    .deletingLastPathComponent()    // repository root
private let datasetsDirectory = repositoryRoot.appendingPathComponent("Datasets")

/// Log relative error, capped at 15; 0 for NaN or infinite estimates.
func logRelativeError(_ estimate: Double, _ certified: Double) -> Double {
    guard estimate.isFinite else { return 0 }
    if estimate == certified { return 15 }
    let error = certified == 0 ? abs(estimate) : abs(estimate - certified) / abs(certified)
    let value = -log10(error)
    return value.isNaN ? 0 : min(15, value)
}

struct NISTDataError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One NIST problem with its certified values.
struct NISTProblem: Sendable {
    let name: String
    let y: [Double]
    /// Column x for polynomial problems; all regressor columns otherwise.
    let columns: [[Double]]
    let hasIntercept: Bool
    let polynomialDegree: Int?
    let coefficients: [Double]
    let standardErrors: [Double]
    let residualSD: Double
    let rSquared: Double
    let regressionDF: Int
    let regressionSS: Double
    let residualDF: Int
    let residualSS: Double
    /// nil where NIST certifies F = Infinity.
    let fStatistic: Double?

    static func load(_ file: String) throws -> NISTProblem {
        // CSV: header, then numbers.
        let csv = try String(contentsOf: datasetsDirectory.appendingPathComponent("nist_\(file).csv"), encoding: .utf8)
        let lines = csv.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        let header = lines[0].split(separator: ",").map(String.init)
        var table = [[Double]](repeating: [], count: header.count)
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",")
            for (k, cell) in cells.enumerated() {
                guard let v = Double(cell.trimmingCharacters(in: .whitespaces)) else {
                    throw NISTDataError("nist_\(file).csv: not a number: \(cell)")
                }
                table[k].append(v)
            }
        }
        // JSON with JSONSerialization; certified numbers parsed from NIST's own strings.
        let data = try Data(contentsOf: datasetsDirectory.appendingPathComponent("nist_\(file).expected.json"))
        let root = try object(try JSONSerialization.jsonObject(with: data), "root")
        guard let model = (root["models"] as? [[String: Any]])?.first else { throw NISTDataError("no model") }
        let text = try object(model["certified_text"], "certified_text")
        let anova = try object(model["anova"], "anova")
        let regression = try object(anova["regression"], "anova.regression")
        let residual = try object(anova["residual"], "anova.residual")
        return NISTProblem(
            name: try string(root["dataset"], "dataset"),
            y: table[0],
            columns: Array(table.dropFirst()),
            hasIntercept: try value(model["intercept"] as? Bool, "intercept"),
            polynomialDegree: model["polynomial_degree"] as? Int,
            coefficients: try ordered(try object(text["coefficients"], "coefficients")),
            standardErrors: try ordered(try object(text["std_errors"], "std_errors")),
            residualSD: try decimal(text["residual_sd"], "residual_sd"),
            rSquared: try decimal(text["r_squared"], "r_squared"),
            regressionDF: try value(regression["df"] as? Int, "regression df"),
            regressionSS: try value((regression["ss"] as? NSNumber)?.doubleValue, "regression ss"),
            residualDF: try value(residual["df"] as? Int, "residual df"),
            residualSS: try value((residual["ss"] as? NSNumber)?.doubleValue, "residual ss"),
            fStatistic: (regression["F"] as? NSNumber)?.doubleValue)
    }

    // Tiny JSON accessors that throw a readable error instead of trapping.
    private static func value<T>(_ v: T?, _ what: String) throws -> T {
        guard let v else { throw NISTDataError("missing or mistyped \(what)") }
        return v
    }
    private static func object(_ v: Any?, _ what: String) throws -> [String: Any] {
        try value(v as? [String: Any], what)
    }
    private static func string(_ v: Any?, _ what: String) throws -> String {
        try value(v as? String, what)
    }
    /// A certified value from its NIST text, e.g. "-0.358191792925910E-01".
    private static func decimal(_ v: Any?, _ what: String) throws -> Double {
        try value(Double(try string(v, what)), what)
    }
    /// {"B0": "…", "B1": "…", …} in index order.
    private static func ordered(_ dict: [String: Any]) throws -> [Double] {
        let keys = try dict.keys.map { key in (try value(Int(key.dropFirst()), "key \(key)"), key) }.sorted { $0.0 < $1.0 }
        return try keys.map { try decimal(dict[$0.1], $0.1) }
    }

    /// Fits the model as the JSON states it. `doubleDesign` builds polynomial powers in plain
    /// double (xᵏ by repeated multiplication) instead of `fitPolynomial`'s double-double powers.
    func fit(doubleDesign: Bool = false, maxRefinementSteps: Int = 30) throws -> OLSFit {
        let options = OrdinaryLeastSquares.Options(maxRefinementSteps: maxRefinementSteps)
        if let degree = polynomialDegree {
            let x = columns[0]
            if !doubleDesign {
                return try OrdinaryLeastSquares.fitPolynomial(
                    x: x, response: y, degree: degree, hasIntercept: hasIntercept, options: options)
            }
            let powers = (1...degree).map { k in x.map { v in (0..<k).reduce(1.0) { p, _ in p * v } } }
            return try OrdinaryLeastSquares.fit(
                design: try #require(Matrix(columns: powers)), response: y,
                hasIntercept: hasIntercept, options: options)
        }
        return try OrdinaryLeastSquares.fit(
            design: try #require(Matrix(columns: columns)), response: y, hasIntercept: hasIntercept, options: options)
    }

    /// The LREs of a fit: minimum over coefficients, minimum over standard errors, residual
    /// SD, R², and the ANOVA sums of squares and F.
    func accuracy(of fit: OLSFit) -> (coefficients: Double, standardErrors: Double, residualSD: Double,
                                      rSquared: Double, regressionSS: Double, residualSS: Double, f: Double) {
        let c = zip(fit.coefficients, coefficients).map { logRelativeError($0, $1) }.min() ?? 0
        let s = zip(fit.standardErrors, standardErrors).map { logRelativeError($0, $1) }.min() ?? 0
        let f: Double
        if let cert = fStatistic { f = logRelativeError(fit.fStatistic, cert) }
        else { f = fit.fStatistic == .infinity || fit.fStatistic > 1e30 ? 15 : 0 }
        return (c, s, logRelativeError(fit.residualStandardError, residualSD),
                logRelativeError(fit.rSquared, rSquared),
                logRelativeError(fit.anova.regressionSumOfSquares, regressionSS),
                logRelativeError(fit.anova.residualSumOfSquares, residualSS), f)
    }
}

/// File stems of the ten problems, in NIST's order of difficulty within each group.
let nistProblems = ["norris", "pontius", "noint1", "noint2", "filip", "longley",
                    "wampler1", "wampler2", "wampler3", "wampler4"]

@Suite struct NISTLeastSquaresTests {
    /// The issue's bars: LRE ≥ 9 for every coefficient and standard error (≥ 7 on Filip).
    static func requiredBar(_ name: String) -> Double { name == "filip" ? 7 : 9 }

    @Test(arguments: nistProblems)
    func certifiedValues(_ file: String) throws {
        let problem = try NISTProblem.load(file)
        let fit = try problem.fit()
        #expect(fit.status == .fullRank)
        #expect(fit.refinementConverged)
        #expect(fit.coefficients.count == problem.coefficients.count)
        #expect(fit.anova.regressionDegreesOfFreedom == problem.regressionDF)
        #expect(fit.anova.residualDegreesOfFreedom == problem.residualDF)
        let lre = problem.accuracy(of: fit)
        let bar = Self.requiredBar(file)
        // Every coefficient and standard error individually:
        for (j, (est, cert)) in zip(fit.coefficients, problem.coefficients).enumerated() {
            #expect(logRelativeError(est, cert) >= bar, "\(problem.name) B\(j): \(est) vs \(cert)")
        }
        for (j, (est, cert)) in zip(fit.standardErrors, problem.standardErrors).enumerated() {
            #expect(logRelativeError(est, cert) >= bar, "\(problem.name) se(B\(j)): \(est) vs \(cert)")
        }
        // Bars actually reached (docs/ACCURACY.md), with about one digit of headroom:
        // coefficients and SEs ≥ 12.5 everywhere (Filip ≥ 12.5 too, thanks to the
        // double-double powers); residual SD and R² ≥ 13.
        #expect(lre.coefficients >= 12.5, "\(problem.name) coefficients LRE \(lre.coefficients)")
        #expect(lre.standardErrors >= 12.5, "\(problem.name) standard errors LRE \(lre.standardErrors)")
        #expect(lre.residualSD >= 13, "\(problem.name) residual SD LRE \(lre.residualSD)")
        #expect(lre.rSquared >= 13, "\(problem.name) R² LRE \(lre.rSquared)")
        #expect(lre.regressionSS >= 12.5, "\(problem.name) SSR LRE \(lre.regressionSS)")
        #expect(lre.residualSS >= 12.5, "\(problem.name) SSE LRE \(lre.residualSS)")
        #expect(lre.f >= 12.5, "\(problem.name) F LRE \(lre.f)")
    }

    /// The plain-double polynomial design (powers rounded to double before the solve): the
    /// issue's bars still hold; Filip is then limited to ≈ 7.9 by the rounding of xᵏ itself.
    @Test(arguments: nistProblems)
    func plainDoubleDesignMeetsIssueBars(_ file: String) throws {
        let problem = try NISTProblem.load(file)
        let fit = try problem.fit(doubleDesign: true)
        let lre = problem.accuracy(of: fit)
        let bar = Self.requiredBar(file)
        #expect(fit.status == .fullRank)
        #expect(lre.coefficients >= bar, "\(problem.name) coefficients LRE \(lre.coefficients)")
        #expect(lre.standardErrors >= bar, "\(problem.name) standard errors LRE \(lre.standardErrors)")
        #expect(lre.residualSD >= bar, "\(problem.name) residual SD LRE \(lre.residualSD)")
        #expect(lre.rSquared >= bar, "\(problem.name) R² LRE \(lre.rSquared)")
    }

    /// The rows of a Markdown table of docs/ACCURACY.md whose header starts with `header`:
    /// dataset (lower-cased) → the other cells.
    static func documentedTable(_ header: String) throws -> [String: [String]] {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/ACCURACY.md"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix(header) }) else {
            throw NISTDataError("docs/ACCURACY.md has no table starting \"\(header)\"")
        }
        var rows: [String: [String]] = [:]
        for line in lines[(start + 2)...] {
            guard line.hasPrefix("|") else { break }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            rows[cells[0].lowercased()] = Array(cells.dropFirst())
        }
        return rows
    }

    /// docs/ACCURACY.md tabulates, per dataset, the LREs of the refined fit (and its refinement
    /// steps) and, for comparison, of the plain Householder QR (no refinement) and of the
    /// polynomial powers rounded to double. Those tables must be what the code measures: every
    /// LRE within 0.2 of the documented one (one printed decimal, plus rounding of the last
    /// digits across BLAS builds; the unrefined comparison table within 1, see below), the
    /// refinement steps exactly. On a mismatch the measured
    /// tables are attached to the failure, in the document's format.
    @Test func documentedTablesMatchMeasurement() throws {
        let results = try Self.documentedTable("| dataset | coef (min)")
        let comparisons = try Self.documentedTable("| dataset | plain Householder QR")
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var measuredResults: [String] = [], measuredComparisons: [String] = []
        var mismatches: [String] = []
        func check(_ file: String, _ what: String, measured: Double, documented: String?, within: Double = 0.2) {
            guard let documented, let value = Double(documented) else {
                mismatches.append("\(file) \(what): no documented value (\(documented ?? "no row"))"); return
            }
            if abs(measured - value) > within + 1e-9 { mismatches.append("\(file) \(what): measured \(f(measured)), documented \(documented)") }
        }
        for file in nistProblems {
            let problem = try NISTProblem.load(file)
            let fit = try problem.fit()
            let a = problem.accuracy(of: fit)
            let plain = problem.accuracy(of: try problem.fit(maxRefinementSteps: 0))
            let dbl = problem.accuracy(of: try problem.fit(doubleDesign: true))
            measuredResults.append("| \(problem.name) | \(f(a.coefficients)) | \(f(a.standardErrors)) | \(f(a.residualSD)) "
                                   + "| \(f(a.rSquared)) | \(f(a.regressionSS)) | \(f(a.residualSS)) | \(f(a.f)) | \(fit.refinementSteps) |")
            measuredComparisons.append("| \(problem.name) | \(f(plain.coefficients)) / \(f(plain.standardErrors)) "
                                       + "| \(f(dbl.coefficients)) / \(f(dbl.standardErrors)) |")
            let row = results[file], comparison = comparisons[file]
            for (k, (what, measured)) in [("coef", a.coefficients), ("SE", a.standardErrors), ("residual SD", a.residualSD),
                                           ("R²", a.rSquared), ("SSR", a.regressionSS), ("SSE", a.residualSS), ("F", a.f)].enumerated() {
                check(file, what, measured: measured, documented: row.flatMap { $0.count > k ? $0[k] : nil })
            }
            if row?.count != 8 || row?[7] != "\(fit.refinementSteps)" {
                mismatches.append("\(file) steps: measured \(fit.refinementSteps), documented \(row.map { $0.count > 7 ? $0[7] : "-" } ?? "no row")")
            }
            let pairs = (comparison ?? []).map { $0.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) } }
            func half(_ i: Int, _ j: Int) -> String? { pairs.count > i && pairs[i].count > j ? pairs[i][j] : nil }
            // The unrefined comparisons carry the BLAS kernel's rounding (OpenBLAS picks its
            // kernels by CPU: Filip's plain-QR SE LRE is 8.1 on one x86_64 machine, 8.7 on an AMD
            // EPYC one), so they are held to 1 digit; the refined results above to 0.2.
            check(file, "plain QR coef", measured: plain.coefficients, documented: half(0, 0), within: 1)
            check(file, "plain QR SE", measured: plain.standardErrors, documented: half(0, 1), within: 1)
            check(file, "double powers coef", measured: dbl.coefficients, documented: half(1, 0), within: 1)
            check(file, "double powers SE", measured: dbl.standardErrors, documented: half(1, 1), within: 1)
        }
        #expect(results.count == nistProblems.count && comparisons.count == nistProblems.count,
                "docs/ACCURACY.md has \(results.count) and \(comparisons.count) rows for \(nistProblems.count) datasets")
        #expect(mismatches.isEmpty, """
            docs/ACCURACY.md differs from the measurement:
            \(mismatches.joined(separator: "\n"))
            measured:
            \(measuredResults.joined(separator: "\n"))

            \(measuredComparisons.joined(separator: "\n"))
            """)
    }
}
