import Foundation
import TolokCore
import TolokFrontierModel
import TolokNumerics

extension RegressorDesign {
    /// The number K of first-order regressors (the inputs): all columns of a Cobb-Douglas
    /// design, and the K of 2K + K(K−1)/2 columns of a translog one.
    var inputCount: Int {
        guard translog else { return columns.count }
        var k = 0
        while 2 * k + k * (k - 1) / 2 < columns.count { k += 1 }
        return k
    }

    /// The inputs' column names (without the `log(…)` of `--log`).
    var inputNames: [String] {
        names.prefix(inputCount).map { name in
            logged && name.hasPrefix("log(") && name.hasSuffix(")") ? String(name.dropFirst(4).dropLast()) : name
        }
    }
}

extension SFAReport {
    /// The translog's elasticities (`TranslogElasticities`): β̂ and its covariance block looked up
    /// by term name, so the layout never depends on the engine's parameter order. Nil for a
    /// Cobb-Douglas frontier (whose elasticities are the coefficients themselves).
    func translogElasticities() throws -> TranslogElasticities? {
        let design = setup.design
        guard design.translog else { return nil }
        let k = design.inputCount
        let betaNames = fit.beta.map(\.name)
        func betaIndex(_ column: Int) throws -> Int {
            guard let i = betaNames.firstIndex(of: design.names[column]) else {
                throw InternalError("translog term \(design.names[column]) is not among the estimates")
            }
            return i
        }
        var second = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
        var cross = 2 * k
        for j in 0..<k {
            second[j][j] = try betaIndex(k + j)
            for h in (j + 1)..<k {
                let i = try betaIndex(cross)
                second[j][h] = i
                second[h][j] = i
                cross += 1
            }
        }
        let layout = TranslogElasticities.Layout(firstOrder: try (0..<k).map(betaIndex), secondOrder: second)
        // Cov(β̂): the β block of whichever matrix the covariance table shows.
        let (matrix, order) = fit.frontierCovariance.map { ($0, fit.frontierCovarianceNames) } ?? (fit.covariance, fit.parameterNames)
        var covariance: Matrix?
        if let matrix {
            let index = betaNames.map { order.firstIndex(of: $0) }
            if index.allSatisfy({ $0 != nil }) {
                var v = Matrix(rows: betaNames.count, columns: betaNames.count)
                for a in index.indices { for b in index.indices { v[a, b] = 0.5 * (matrix[index[a]!, index[b]!] + matrix[index[b]!, index[a]!]) } }
                covariance = v
            }
        }
        return try TranslogElasticities(logs: Array(design.columns.prefix(k)), beta: fit.beta.map(\.value),
                                        covariance: covariance, layout: layout)
    }

    /// The `elasticities` table, long format: first the K inputs and `scale` at the sample mean
    /// (`at` = sample_mean, empty id), then the same K + 1 rows for every unit in input order.
    func elasticityTable(_ e: TranslogElasticities) -> ResultTable {
        let names = setup.design.inputNames + ["scale"]
        let width = names.count
        let n = setup.ids.count
        func value(_ r: Int) -> (Double, Double?) {
            let unit = r / width - 1, input = r % width
            if unit < 0 {
                return input < width - 1 ? (e.atMean[input], e.atMeanStandardError?[input]) : (e.scaleAtMean, e.scaleAtMeanStandardError)
            }
            return input < width - 1 ? (e.elasticity[input][unit], e.standardError?[input][unit])
                : (e.scale[unit], e.scaleStandardError?[unit])
        }
        var table = TableBuilder(name: "elasticities", rows: (n + 1) * width)
        table.add("at", .text) { $0 < width ? .text("sample_mean") : .text("unit") }
        table.add("id", .text) { $0 < width ? .missing : .text(setup.ids[$0 / width - 1]) }
        if let panel = setup.panel { table.add("period", .text) { $0 < width ? .missing : .text(panel.periodLabels[$0 / width - 1]) } }
        table.add("input", .text) { .text(names[$0 % width]) }
        table.add("elasticity") { .optional(value($0).0) }
        table.add("std_error") { .optional(value($0).1) }
        return table.table
    }

    /// What the elasticities mean and where the fitted technology is regular.
    func elasticityNotes(_ e: TranslogElasticities) -> [String] {
        let n = setup.ids.count
        var notes = ["elasticities: e_k = d ln y / d ln x_k = b_k + b_kk ln x_k + sum_j b_jk ln x_j (per unit and at the mean of the logs), "
                     + "scale = sum_k e_k; std_error by the delta method from the covariance table (exact: e_k is linear in b). "
                     + (setup.design.logged ? "" : "Without --log, y and x must already be logarithms for these to be elasticities.")]
        let word = setup.isCost ? "cost" : "output"
        notes.append("Monotonicity: every \(word) elasticity >= 0 at \(e.monotoneUnits) of \(n) units"
                     + (e.atMean.allSatisfy { $0 >= 0 } ? " and at the sample mean." : "; NOT at the sample mean."))
        if setup.isCost {
            notes.append("Curvature is not checked for a cost frontier: which regressors are prices (concavity in prices) is not known to Tolok.")
        } else {
            notes.append("Curvature: the frontier is concave in the input levels (Hessian negative semidefinite) at \(e.concaveUnits) of \(n) units"
                         + (e.concaveAtMean ? " and at the sample mean." : "; NOT at the sample mean."))
        }
        return notes
    }
}
