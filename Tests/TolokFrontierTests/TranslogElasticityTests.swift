import Foundation
import Testing
import TolokCore
import TolokNumerics
import TolokTestSupport
@testable import TolokFrontierModel
@testable import TolokFrontier

/// Translog output elasticities with delta-method standard errors (`elasticities` table;
/// docs/FRONTIER.md, "Elasticities of a translog frontier").
@Suite struct TranslogElasticityTests {
    static let arguments = ["--y", "output", "--x", "capital,labour", "--log", "--translog"]

    /// (at, id, input) → (elasticity, std_error) of a table in the `elasticities` layout.
    static func keyed(_ rows: [[String]]) -> [String: (Double, Double)] {
        var out: [String: (Double, Double)] = [:]
        for r in rows { out[r[0] + "|" + r[1] + "|" + r[2]] = (Double(r[3])!, Double(r[4])!) }
        return out
    }

    /// The reference written by scripts/peers/translog-elasticities.R (R frontier 1.1-8's
    /// frontierQuad fit; elasticities by micEcon 0.6-18's translogEla; g'Vg from R's vcov).
    static func reference() throws -> [String: (Double, Double)] {
        let text = try String(contentsOfFile: PluginHarness.dataset("front41Data_translog_elasticities.R.csv"), encoding: .utf8)
        let rows = text.split(separator: "\n").dropFirst().map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).map { $0.replacingOccurrences(of: "\"", with: "") }
        }
        return keyed(rows)
    }

    static func ours(_ r: AnalysisResult) throws -> [String: (Double, Double)] {
        let t = try r.requireTable("elasticities")
        let at = try t.texts("at"), input = try t.texts("input"), e = try t.numbers("elasticity"), se = try t.numbers("std_error")
        let ids = try t.texts("id")
        return keyed(at.indices.map { [at[$0], ids[$0], input[$0], String(e[$0]), String(se[$0])] })
    }

    /// Every value (60 firms and the sample mean; capital, labour, scale) against R: elasticities
    /// within 5e-5 absolute (measured: 1.04e-5; the two fits' coefficients agree to about 1e-5),
    /// standard errors within 2 % (measured: 1.0 %; R's vcov and ours come from different Hessian
    /// approximations, whose cells agree within 5 %, CovarianceTableTests).
    @Test func matchesRFrontierAndMicEcon() throws {
        let reference = try Self.reference()
        #expect(reference.count == 183)
        let r = try PluginHarness.run("sfa", data: "front41Data.csv", id: "firm", Self.arguments)
        let ours = try Self.ours(r)
        #expect(ours.count == reference.count)
        for (key, (e, se)) in reference {
            let mine = try #require(ours[key], "\(key)")
            #expect(abs(mine.0 - e) <= 5e-5, "\(key) elasticity \(mine.0) vs R \(e)")
            #expect(abs(mine.1 - se) <= 0.02 * se, "\(key) std_error \(mine.1) vs R \(se)")
        }
    }

    /// The standard errors are exactly √(gᵀVg) with V the run's own covariance table, and the
    /// scale elasticity is the sum of the input elasticities, at the mean of the logs.
    @Test func standardErrorsAreTheDeltaMethodOfTheCovarianceTable() throws {
        let r = try PluginHarness.run("sfa", data: "front41Data.csv", id: "firm", Self.arguments)
        let cov = try r.requireTable("covariance")
        let t1 = try cov.texts("term"), t2 = try cov.texts("term2"), c = try cov.numbers("covariance")
        func v(_ a: String, _ b: String) throws -> Double { c[try #require(t1.indices.first { t1[$0] == a && t2[$0] == b })] }
        let data = try String(contentsOfFile: PluginHarness.dataset("front41Data.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        let logs = data.map { $0.split(separator: ",").map { log(Double($0)!) } }
        let lk = logs.map { $0[2] }.reduce(0, +) / Double(logs.count), ll = logs.map { $0[3] }.reduce(0, +) / Double(logs.count)
        let b = ["log(capital)", "0.5*log(capital)^2", "log(capital)*log(labour)"]
        let g = [1, lk, ll]
        var variance = 0.0
        for i in 0..<3 { for j in 0..<3 { variance += g[i] * g[j] * (try v(b[i], b[j])) } }
        let ours = try Self.ours(r)
        let capital = try #require(ours["sample_mean||capital"]), labour = try #require(ours["sample_mean||labour"])
        let scale = try #require(ours["sample_mean||scale"])
        #expect(abs(capital.1 - variance.squareRoot()) <= 1e-12 * capital.1)
        let beta = { (term: String) in try r.coefficient(term).estimate }
        #expect(abs(capital.0 - (try beta(b[0]) + lk * beta(b[1]) + ll * beta(b[2]))) <= 1e-12)
        #expect(abs(scale.0 - (capital.0 + labour.0)) <= 1e-12)
        // The notes report monotonicity and curvature counts.
        #expect(r.notes.contains { $0.hasPrefix("Monotonicity: every output elasticity >= 0 at 58 of 60 units") })
        #expect(r.notes.contains { $0.hasPrefix("Curvature: the frontier is concave in the input levels") })
    }

    /// A Cobb-Douglas point (second-order terms zero): εₖ = βₖ everywhere; concave in levels
    /// exactly when Σβₖ ≤ 1 (M = εεᵀ − diag(ε)); a negative βₖ breaks monotonicity; no
    /// covariance, no standard errors.
    @Test func cobbDouglasLimit() throws {
        let layout = TranslogElasticities.Layout(firstOrder: [1, 2], secondOrder: [[3, 5], [5, 4]])
        let logs: [[Double]] = [[0.1, 1.5, -2], [3, 0.2, 1]]
        let decreasing = try TranslogElasticities(logs: logs, beta: [1, 0.3, 0.5, 0, 0, 0], covariance: nil, layout: layout)
        #expect(decreasing.elasticity[0] == [0.3, 0.3, 0.3] && decreasing.elasticity[1] == [0.5, 0.5, 0.5])
        #expect(decreasing.scale.allSatisfy { abs($0 - 0.8) < 1e-15 } && decreasing.standardError == nil)
        #expect(decreasing.concaveUnits == 3 && decreasing.monotoneUnits == 3 && decreasing.concaveAtMean)
        let increasing = try TranslogElasticities(logs: logs, beta: [1, 0.6, 0.7, 0, 0, 0], covariance: nil, layout: layout)
        #expect(increasing.concaveUnits == 0 && !increasing.concaveAtMean)
        let negative = try TranslogElasticities(logs: logs, beta: [1, -0.1, 0.7, 0, 0, 0], covariance: nil, layout: layout)
        #expect(negative.monotoneUnits == 0)
        // Constant returns (Σβ = 1): M is singular NSD and must count as concave.
        let constant = try TranslogElasticities(logs: logs, beta: [1, 0.25, 0.75, 0, 0, 0], covariance: nil, layout: layout)
        #expect(constant.concaveUnits == 3)
    }

    /// No table without --translog; a cost frontier reports monotonicity but not curvature.
    @Test func onlyForTranslogAndNoCurvatureForCost() throws {
        let cd = try PluginHarness.run("sfa", data: "front41Data.csv", id: "firm", ["--y", "output", "--x", "capital,labour", "--log"])
        #expect(!cd.tables.contains { $0.name == "elasticities" })
        let cost = try PluginHarness.run("sfa", data: "front41Data.csv", id: "firm", Self.arguments + ["--frontier", "cost"])
        #expect(cost.tables.contains { $0.name == "elasticities" })
        #expect(cost.notes.contains { $0.hasPrefix("Curvature is not checked for a cost frontier") })
    }
}

@Suite struct SymmetricEigenvalueTests {
    @Test func knownSpectraAndSemidefiniteness() throws {
        let a = try #require(Matrix(rowMajor: [[2, 1], [1, 2]]))
        let w = try SymmetricEigenvalues.of(a)
        #expect(abs(w[0] - 1) < 1e-14 && abs(w[1] - 3) < 1e-14)
        #expect(try SymmetricEigenvalues.isNegativeSemidefinite(try #require(Matrix(rowMajor: [[-1, 1], [1, -1]]))))
        #expect(try !SymmetricEigenvalues.isNegativeSemidefinite(try #require(Matrix(rowMajor: [[-1, 0], [0, 1e-6]]))))
        #expect(try SymmetricEigenvalues.of(Matrix(rows: 0, columns: 0)).isEmpty)
        #expect(throws: LinearAlgebraError.self) { try SymmetricEigenvalues.of(Matrix(rows: 2, columns: 3)) }
    }
}
