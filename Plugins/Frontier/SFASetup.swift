import TolokCore
import TolokFrontierModel
import TolokNumerics

/// The model of one `tolok run sfa`, read and checked from the typed options (`SFAOptions`) and
/// the data, and its estimation. Every inconsistent combination of options is a `UsageError`
/// naming the options; bad cells are `DataError`s naming file, line and column.
struct SFASetup {
    /// The panel model of a run with `--period`.
    enum PanelModel: Equatable {
        /// Battese & Coelli (1992); `timeVarying` false gives η = 0.
        case bc92(timeVarying: Bool)
        /// Battese & Coelli (1995) with the named z variables.
        case bc95
    }

    let design: RegressorDesign
    let frontier: FrontierType
    let distribution: InefficiencyDistribution
    /// Named covariates of ln σ_u², ln σ_v², μ (μ: `--mu-het`, or `--z` for bc95).
    let uHet: (names: [String], matrix: Matrix)?
    let vHet: (names: [String], matrix: Matrix)?
    let meanCovariates: (names: [String], matrix: Matrix)?
    let panel: PanelIndex?
    let panelModel: PanelModel?
    /// Unit ids in row order.
    let ids: [String]
    /// The source file, for data errors raised by the estimator.
    let source: String

    init(_ request: AnalysisRequest, options o: SFAOptions) throws {
        let data = request.dataset
        source = data.source
        let yName = try request.option(o.y)
        let xNames = try request.option(o.x)
        frontier = try request.option(o.frontier)
        design = try RegressorDesign.build(data, y: yName, x: xNames, log: try request.option(o.log),
                                           translog: try request.option(o.translog))

        // Panel options.
        let periodColumn = try request.option(o.period)
        let modelName = try request.option(o.model)
        let zNames = try request.option(o.z)
        let timeInvariant = try request.option(o.timeInvariant)
        if periodColumn == nil {
            if let modelName { throw UsageError("--model \(modelName.rawValue) needs panel data: give --id and --period") }
            if timeInvariant { throw UsageError("--time-invariant belongs to the bc92 panel model: give --id and --period") }
        }
        if !zNames.isEmpty && modelName != .bc95 {
            throw UsageError("--z gives the inefficiency effects of --model bc95 (for a cross-section use --mu-het)")
        }
        if let periodColumn {
            guard let idColumn = request.idColumn else {
                throw UsageError("--period needs --id: the panel's firms are identified by the --id column")
            }
            panel = try PanelIndex.build(data, idColumn: idColumn, periodColumn: periodColumn)
            ids = panel!.ids
            if modelName == .bc95 {
                guard !zNames.isEmpty else { throw UsageError("--model bc95 needs --z Z1,Z2,... (the inefficiency-effect variables)") }
                if timeInvariant { throw UsageError("--time-invariant belongs to --model bc92, not bc95") }
                panelModel = .bc95
            } else {
                panelModel = .bc92(timeVarying: !timeInvariant)
            }
        } else {
            panel = nil
            panelModel = nil
            ids = try data.ids(column: request.idColumn)
        }

        // Distribution: half-normal unless named; bc95 is truncated-normal by definition.
        let named = try request.option(o.distribution)
        switch panelModel {
        case .bc95?:
            if let named, named != .truncatedNormal {
                throw UsageError("--model bc95 has truncated-normal inefficiency u_it ~ N+(z_it delta, sigma_u^2); --distribution \(named.rawValue) does not apply")
            }
            distribution = .truncatedNormal
        case .bc92?:
            if named == .exponential { throw UsageError("--model bc92 takes --distribution half-normal or truncated-normal, not exponential") }
            distribution = named ?? .halfNormal
        case nil:
            distribution = named ?? .halfNormal
        }

        // Heterogeneity.
        let uNames = try request.option(o.uHet), vNames = try request.option(o.vHet), muNames = try request.option(o.muHet)
        if case .bc92? = panelModel, !(uNames + vNames + muNames).isEmpty {
            throw UsageError("--u-het, --v-het and --mu-het are not available with --model bc92 (use --model bc95 with --z, or a cross-section)")
        }
        if !muNames.isEmpty {
            if panelModel == .bc95 { throw UsageError("--model bc95 takes its mean covariates from --z, not --mu-het") }
            guard distribution == .truncatedNormal else {
                throw UsageError("--mu-het models the mean of a truncated normal: add --distribution truncated-normal")
            }
        }
        uHet = try RegressorDesign.covariates(data, uNames, option: "u-het")
        vHet = try RegressorDesign.covariates(data, vNames, option: "v-het")
        meanCovariates = try RegressorDesign.covariates(data, panelModel == .bc95 ? zNames : muNames,
                                                         option: panelModel == .bc95 ? "z" : "mu-het")
    }

    var isCost: Bool { frontier == .cost }

    /// Estimates the model. Estimation trouble (no convergence, boundary) is in the fit's status;
    /// only input problems throw.
    func estimate() throws -> StochasticFrontierFit {
        do {
            if let panel, case .bc92(let timeVarying)? = panelModel {
                return try StochasticFrontier.fitBatteseCoelli92(
                    y: design.y, x: design.matrix, firm: panel.firm, period: panel.period, regressorNames: design.names,
                    model: BatteseCoelli92Model(frontier: frontier, truncatedNormal: distribution == .truncatedNormal,
                                                timeVarying: timeVarying))
            }
            let model = StochasticFrontierModel(frontier: frontier, distribution: distribution,
                                                inefficiencyScaleCovariates: uHet?.matrix, noiseScaleCovariates: vHet?.matrix,
                                                meanCovariates: meanCovariates?.matrix)
            return try StochasticFrontier.fit(y: design.y, x: design.matrix, regressorNames: design.names, model: model)
        } catch let error as FrontierError {
            switch error {
            case .singularDesign:
                throw DataError(source: source, expected: "regressors that are not collinear (the OLS design has deficient rank)",
                                got: design.names.joined(separator: ", "))
            case .tooFewObservations(let needed, let got):
                throw DataError(source: source, expected: "more observations than the \(needed) parameters", got: "\(got) rows")
            case .nonFiniteData(let what):
                throw DataError(source: source, expected: "finite values", got: what)
            case .invalidModel(let why):
                throw UsageError("invalid model: \(why)")
            case .dimensionMismatch(let why):
                throw InternalError("sfa: \(why)")
            }
        }
    }
}
