import Foundation
import TolokCore
import TolokFrontierModel
import TolokNumerics

/// `tolok run ols`: ordinary least squares with classical or HC1 robust inference, and the
/// corrected (COLS) and modified (MOLS) OLS frontiers with per-unit efficiencies.
///
/// Estimation is `OrdinaryLeastSquares` (TolokNumerics): Householder QR with iterative
/// refinement in double-double (Björck 1967), which reproduces the NIST StRD certified values
/// to 13–15 digits (docs/ACCURACY.md); `--degree N` forms the powers of the single regressor
/// in double-double (`OrdinaryLeastSquares.fitPolynomial`). Statistics: Greene,
/// *Econometric Analysis* (8th ed.), ch. 4–5 (σ̂²(XᵀX)⁻¹, t, F, R²); HC1 = n/(n − k)·
/// (XᵀX)⁻¹XᵀΩ̂X(XᵀX)⁻¹ (White 1980, eq. (3); MacKinnon & White 1985). COLS and MOLS:
/// `CorrectedOLS`. Output columns: docs/FRONTIER.md.
public struct OLSPlugin: AnalysisPlugin {
    public init() {}

    static let options = OLSOptions()

    public let descriptor = PluginDescriptor(
        id: "ols",
        version: "1.0.0",
        summary: "Ordinary least squares (NIST-accurate), robust SEs, and COLS/MOLS frontier efficiencies",
        options: OLSPlugin.options,
        references: [
            "Greene, W.H. (2018). Econometric Analysis, 8th ed. Pearson. Ch. 4-5 (least squares inference).",
            "White, H. (1980). A heteroskedasticity-consistent covariance matrix estimator and a direct test for heteroskedasticity. Econometrica 48(4), 817-838.",
            "MacKinnon, J.G. & White, H. (1985). Some heteroskedasticity-consistent covariance matrix estimators with improved finite sample properties. Journal of Econometrics 29(3), 305-325.",
            "Björck, Å. (1967). Iterative refinement of linear least squares solutions I. BIT 7, 257-278.",
            "Winsten, C.B. (1957). Discussion of Farrell's paper. JRSS A 120(3), 282-284 (COLS).",
            "Greene, W.H. (1980). Maximum likelihood estimation of econometric frontier functions. Journal of Econometrics 13(1), 27-56 (COLS).",
            "Richmond, J. (1974). Estimating the efficiency of production. International Economic Review 15(2), 515-521 (MOLS).",
            "Olson, J.A., Schmidt, P. & Waldman, D.M. (1980). A Monte Carlo study of estimators of stochastic frontier production functions. Journal of Econometrics 13(1), 67-82 (method of moments).",
            "Waldman, D.M. (1982). A stationary point for the stochastic frontier likelihood. Journal of Econometrics 18(2), 275-279 (wrong skew).",
            "NIST/ITL Statistical Reference Datasets, Linear Least Squares Regression (accuracy reference).",
        ],
        tables: ["units", "coefficients"])

    public func run(_ request: AnalysisRequest) throws -> AnalysisResult {
        let o = Self.options
        let data = request.dataset
        let xNames = try request.option(o.x)
        let intercept = try !request.option(o.noIntercept)
        let frontier = try request.option(o.frontier)
        let design = try RegressorDesign.build(data, y: try request.option(o.y), x: xNames, log: try request.option(o.log),
                                               translog: false)
        try Self.requireModerateMagnitudes(data, design, y: try request.option(o.y), x: xNames)
        let ids = try data.ids(column: request.idColumn)
        var names = design.names
        let degree = try request.option(o.degree)   // ≥ 1, checked when parsed
        if let degree {
            guard design.columns.count == 1 else {
                throw UsageError("--degree needs exactly one --x column, got \(design.columns.count)")
            }
            names = (1...degree).map { $0 == 1 ? design.names[0] : "\(design.names[0])^\($0)" }
        }
        let terms = (intercept ? ["const"] : []) + names
        guard design.y.count > terms.count else {
            throw DataError(source: data.source, expected: "more observations than the \(terms.count) coefficients",
                            got: "\(design.y.count) rows")
        }
        let fit: OLSFit
        do {
            if let degree {
                fit = try OrdinaryLeastSquares.fitPolynomial(x: design.columns[0], response: design.y, degree: degree,
                                                             hasIntercept: intercept)
            } else {
                fit = try OrdinaryLeastSquares.fit(design: design.matrix, response: design.y, hasIntercept: intercept)
            }
        } catch LinearAlgebraError.nonFinite where degree != nil {
            // The data were checked finite and moderate: only a power x^N can overflow.
            throw DataError(source: data.source, column: xNames[0],
                            expected: "values whose powers up to x^\(degree!) are finite numbers")
        } catch let error as LinearAlgebraError {
            throw InternalError("least squares failed: \(error)")
        }
        let report = OLSReport(fit: fit, terms: terms, ids: ids, design: design, degree: degree,
                               intercept: intercept, robust: try request.option(o.robust),
                               corrected: CorrectedOLS(residuals: fit.residuals, frontier: frontier), frontier: frontier)
        return report.result(descriptor: descriptor)
    }

    /// Columns whose largest |value| is outside [1e-100, 1e100] (other than all zeros) are refused:
    /// their squares and cubes (SSE, the third moment m3, the coefficient variances) would
    /// overflow or underflow a double, leaving NaN beside a full-rank fit.
    static let magnitudeLimit = 1e100

    static func requireModerateMagnitudes(_ data: Dataset, _ design: RegressorDesign, y: String, x: [String]) throws {
        let named = [(y, design.y)] + zip(x, design.columns.prefix(x.count)).map { ($0, $1) }
        for (name, values) in named {
            guard let r = values.indices.max(by: { abs(values[$0]) < abs(values[$1]) }) else { continue }
            let largest = abs(values[r])
            guard largest == 0 || (largest <= magnitudeLimit && largest >= 1 / magnitudeLimit) else {
                throw data.cellError(row: r, column: name,
                                     expected: "values whose largest magnitude lies between 1e-100 and 1e100 (rescale the column, e.g. to thousands, or use --log)",
                                     got: try data.texts(name)[r])
            }
        }
    }
}
