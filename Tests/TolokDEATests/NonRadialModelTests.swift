import Testing
import TolokCore
@testable import TolokDEAModel
@testable import TolokDEA

/// SBM, DDF and cost / revenue / profit efficiency against DataEnvelopmentAnalysis.jl's test
/// values (Datasets/dea_jl_*.expected.csv, provenance in Datasets/SOURCES-DEA.md), with both
/// scoring strategies (all units as reference; frontier first), plus invariants.
@Suite struct NonRadialModelTests {
    static let tolerance = 1e-8
    static let strategies: [DEAModel.Strategy] = [.direct, .frontierFirst]

    struct Fixture {
        var ids: [String]
        var data: DEAData
        var dataset: Dataset
        var expected: [String: [String: Double?]]

        init(_ file: String, inputs: [String], outputs: [String]) throws {
            dataset = try Datasets.load(file + ".csv")
            ids = try dataset.texts(dataset.columnNames[0])
            data = try Datasets.deaData(dataset, inputs: inputs, outputs: outputs)
            expected = try Datasets.expected(file + ".expected.csv")
        }

        func want(_ id: String, _ column: String) throws -> Double {
            let cell = try #require(expected[id]?[column], "no \(column) for \(id)")
            return try #require(cell, "empty \(column) for \(id)")
        }

        func prices(_ names: [String]) throws -> [[Double]] { try names.map { try dataset.numbers($0) } }

        func expect(_ column: String, _ got: [Double], tolerance: Double = NonRadialModelTests.tolerance,
                    sourceLocation: SourceLocation = #_sourceLocation) throws {
            for (j, id) in ids.enumerated() {
                let w = try want(id, column)
                #expect(abs(got[j] - w) <= tolerance, "\(column) \(id): got \(got[j]), want \(w)", sourceLocation: sourceLocation)
            }
        }
    }

    static let erg = (inputs: ["x"], outputs: ["y"])
    static let fls = (inputs: ["x1", "x2"], outputs: ["y"])
    static let zofio = (inputs: ["x1", "x2"], outputs: ["y1", "y2"])
    static let hospitals = (inputs: ["x1_doctors", "x2_nurses"], outputs: ["y1_outpatients", "y2_inpatients"])

    // MARK: SBM

    @Test(arguments: strategies) func sbmNonOriented(strategy: DEAModel.Strategy) throws {
        let f = try Fixture("dea_jl_erg_8", inputs: Self.erg.inputs, outputs: Self.erg.outputs)
        for (rts, column) in [(ReturnsToScale.crs, "sbm_non_crs"), (.vrs, "sbm_non_vrs")] {
            let scores = SlacksBasedMeasure(orientation: .non, rts: rts, strategy: strategy).score(f.data)
            #expect(scores.allSatisfy { $0.status == .ok })
            try f.expect(column, scores.map(\.score))
            if rts == .vrs {
                // Unique here (DEA.jl prints them); the CRS slacks have alternative optima.
                try f.expect("slack_x_vrs", scores.map { $0.inputSlacks[0] }, tolerance: 1e-6)
                try f.expect("slack_y_vrs", scores.map { $0.outputSlacks[0] }, tolerance: 1e-6)
            }
            // Targets are on the frontier: scoring them gives ρ = 1.
            let targets = DEAData(inputs: [scores.map { $0.inputTargets[0] }], outputs: [scores.map { $0.outputTargets[0] }])
            for t in SlacksBasedMeasure(orientation: .non, rts: rts, strategy: strategy).score(targets) {
                #expect(abs(t.score - 1) <= 1e-7)
            }
        }
    }

    @Test func sbmIsAtMostRadialAndUnitsInvariant() throws {
        let f = try Fixture("cst_hospitals_12", inputs: Self.hospitals.inputs, outputs: Self.hospitals.outputs)
        for rts in [ReturnsToScale.crs, .vrs] {
            let radial = DEAModel(orientation: .input, rts: rts).score(f.data)
            let input = SlacksBasedMeasure(orientation: .input, rts: rts).score(f.data)
            let non = SlacksBasedMeasure(orientation: .non, rts: rts).score(f.data)
            let output = SlacksBasedMeasure(orientation: .output, rts: rts).score(f.data)
            let radialOut = DEAModel(orientation: .output, rts: rts).score(f.data)
            for j in f.ids.indices {
                #expect(input[j].score <= radial[j].radial + 1e-9, "SBM input ≤ θ, unit \(f.ids[j])")
                #expect(non[j].score <= input[j].score + 1e-9 && non[j].score <= output[j].score + 1e-9)
                #expect(output[j].score <= 1 / radialOut[j].radial + 1e-9, "SBM output ≤ 1/φ")
                #expect(input[j].score > 0 && input[j].score <= 1 + 1e-12)
            }
            // Rescaling a column (e.g. doctors in hundreds, outpatients in thousands) leaves ρ unchanged.
            var x = try f.dataset.numbers("x1_doctors"), y = try f.dataset.numbers("y1_outpatients")
            x = x.map { $0 / 100 }; y = y.map { $0 * 1000 }
            let rescaled = DEAData(inputs: [x, try f.dataset.numbers("x2_nurses")], outputs: [y, try f.dataset.numbers("y2_inpatients")])
            for orientation in ProjectionOrientation.allCases {
                let a = SlacksBasedMeasure(orientation: orientation, rts: rts).score(f.data)
                let b = SlacksBasedMeasure(orientation: orientation, rts: rts).score(rescaled)
                for j in a.indices { #expect(abs(a[j].score - b[j].score) <= 1e-9, "units invariance \(orientation) \(f.ids[j])") }
            }
        }
    }

    @Test func superSBM() throws {
        let f = try Fixture("dea_jl_erg_8", inputs: Self.erg.inputs, outputs: Self.erg.outputs)
        let standard = SlacksBasedMeasure(orientation: .input, rts: .crs).score(f.data)
        let superScores = SlacksBasedMeasure(orientation: .input, rts: .crs, superEfficiency: true).score(f.data)
        let ap = DEAModel(orientation: .input, rts: .crs, superEfficiency: true).score(f.data)
        for j in f.ids.indices {
            if standard[j].score >= 1 - 1e-8 {
                #expect(superScores[j].isSuper && superScores[j].score >= 1)
                // One input, one output: input super-SBM = Andersen–Petersen (U2: 1.25 = (5/4)/(8/8)).
                #expect(abs(superScores[j].score - ap[j].radial) <= 1e-9)
            } else {
                #expect(!superScores[j].isSuper && abs(superScores[j].score - standard[j].score) <= 1e-12)
            }
        }
        #expect(abs(superScores[1].score - 1.25) <= 1e-9)
        for orientation in ProjectionOrientation.allCases {
            for rts in [ReturnsToScale.crs, .vrs] {
                let s = SlacksBasedMeasure(orientation: orientation, rts: rts, superEfficiency: true).score(f.data)
                for t in s where t.isSuper { #expect(t.status != .ok || t.score >= 1 - 1e-9) }
            }
        }
    }

    // MARK: DDF

    @Test(arguments: strategies) func directionalDistance(strategy: DEAModel.Strategy) throws {
        let f = try Fixture("dea_jl_fls_11", inputs: Self.fls.inputs, outputs: Self.fls.outputs)
        let cases: [(String, DDFDirection, ProjectionOrientation)] = [
            ("observed", .observed, .non), ("unit", .unit, .non), ("input", .observed, .input),
            ("output", .observed, .output), ("mean", .mean, .non),
        ]
        for (name, direction, orientation) in cases {
            for rts in [ReturnsToScale.crs, .vrs] {
                let scores = DirectionalDistance(orientation: orientation, rts: rts, direction: direction, strategy: strategy).score(f.data)
                #expect(scores.allSatisfy { $0.status == .ok })
                try f.expect("ddf_\(name)_\(rts.rawValue)", scores.map(\.score))
                if name == "observed" && rts == .crs {
                    try f.expect("slack_x1_observed_crs", scores.map { $0.inputSlacks[0] }, tolerance: 1e-6)
                    try f.expect("slack_x2_observed_crs", scores.map { $0.inputSlacks[1] }, tolerance: 1e-6)
                }
            }
        }
    }

    @Test func ddfInputObservedIsOneMinusTheta() throws {
        let f = try Fixture("cst_hospitals_12", inputs: Self.hospitals.inputs, outputs: Self.hospitals.outputs)
        for rts in ReturnsToScale.allCases {
            let theta = DEAModel(orientation: .input, rts: rts).score(f.data)
            let beta = DirectionalDistance(orientation: .input, rts: rts, direction: .observed).score(f.data)
            for j in f.ids.indices { #expect(abs((1 - beta[j].score) - theta[j].radial) <= 1e-9, "\(rts) \(f.ids[j])") }
            let phi = DEAModel(orientation: .output, rts: rts).score(f.data)
            let betaOut = DirectionalDistance(orientation: .output, rts: rts, direction: .observed).score(f.data)
            for j in f.ids.indices where phi[j].status == .ok { #expect(abs((1 + betaOut[j].score) - phi[j].radial) <= 1e-9) }
        }
    }

    // MARK: Economic

    @Test(arguments: strategies) func costAndRevenueZofioPrieto(strategy: DEAModel.Strategy) throws {
        let f = try Fixture("dea_jl_zofio_prieto_5", inputs: Self.zofio.inputs, outputs: Self.zofio.outputs)
        for rts in [ReturnsToScale.crs, .vrs] {
            let cost = EconomicEfficiency(kind: .cost, rts: rts, inputPrices: try f.prices(["w1", "w2"]), strategy: strategy).score(f.data)
            try f.expect("cost_\(rts.rawValue)", cost.map(\.overall))
            try f.expect("cost_allocative_\(rts.rawValue)", cost.map(\.allocative))
            try f.expect("cost_technical_\(rts.rawValue)", cost.map(\.technical), tolerance: 5e-5)   // printed to 4 decimals
            let revenue = EconomicEfficiency(kind: .revenue, rts: rts, outputPrices: try f.prices(["p1", "p2"]), strategy: strategy).score(f.data)
            try f.expect("revenue_\(rts.rawValue)", revenue.map(\.overall))
            try f.expect("revenue_allocative_\(rts.rawValue)", revenue.map(\.allocative))
            try f.expect("revenue_technical_\(rts.rawValue)", revenue.map(\.technical), tolerance: rts == .vrs ? Self.tolerance : 5e-5)
            for s in cost + revenue {
                #expect(abs(s.overall - s.technical * s.allocative) <= 1e-12)
                #expect(s.allocative <= 1 + 1e-9 && s.overall <= 1 + 1e-9)
            }
            // Minimum cost is attained at the targets: C* = w·x*.
            for (j, s) in cost.enumerated() {
                let wx = 2 * s.inputTargets[0] + 1 * s.inputTargets[1]
                #expect(abs(wx - s.optimum) <= 1e-9 && abs(s.optimum / (2 * f.data.input(0, of: j) + f.data.input(1, of: j)) - s.overall) <= 1e-12)
            }
        }
    }

    @Test func economicVRSSmallData() throws {
        let sets: [(String, [String], [String], [String], [String])] = [
            ("dea_jl_erg_8", ["x"], ["y"], ["w"], ["p"]),
            ("dea_jl_x2_8", ["x1", "x2"], ["y"], ["w1", "w2"], ["p"]),
            ("dea_jl_y2_8", ["x"], ["y1", "y2"], ["w"], ["p1", "p2"]),
        ]
        for (file, x, y, w, p) in sets {
            let f = try Fixture(file, inputs: x, outputs: y)
            let wp = try f.prices(w), pp = try f.prices(p)
            try f.expect("cost_vrs", EconomicEfficiency(kind: .cost, rts: .vrs, inputPrices: wp).score(f.data).map(\.overall))
            try f.expect("revenue_vrs", EconomicEfficiency(kind: .revenue, rts: .vrs, outputPrices: pp).score(f.data).map(\.overall))
            let profit = EconomicEfficiency(kind: .profit, rts: .vrs, inputPrices: wp, outputPrices: pp).score(f.data)
            try f.expect("profit_observed", profit.map(\.overall))
            let ddf = DirectionalDistance(orientation: .non, rts: .vrs, direction: .observed).score(f.data)
            for (j, s) in profit.enumerated() {
                #expect(abs(s.technical - ddf[j].score) <= 1e-12)
                #expect(abs(s.overall - s.technical - s.allocative) <= 1e-12 && s.allocative >= -1e-9)
            }
        }
    }

    @Test func profitZofioPastorAparicio() throws {
        let f = try Fixture("dea_jl_zpa_profit_8", inputs: Self.zofio.inputs, outputs: Self.zofio.outputs)
        // DEA.jl's test direction: gx = gy = 1 / (Σp + Σw) = 1/6 for every unit (normaliser 1).
        let g = [[Double]](repeating: Array(repeating: 1.0 / 6, count: 8), count: 2)
        var model = EconomicEfficiency(kind: .profit, rts: .vrs, inputPrices: try f.prices(["w1", "w2"]), outputPrices: try f.prices(["p1", "p2"]))
        model.profitDirection = .custom(inputs: g, outputs: g)
        let s = model.score(f.data)
        try f.expect("profit_inefficiency", s.map(\.overall))
        try f.expect("technical_inefficiency", s.map(\.technical))
        try f.expect("allocative_inefficiency", s.map(\.allocative))
    }

    // MARK: Large data: frontier first = direct

    @Test func frontierFirstAgreesWithDirect() throws {
        let g = SyntheticDEAData.cobbDouglas(units: 450, inputs: 3, outputs: 2, seed: 7)
        let data = DEAData(inputs: g.inputs, outputs: g.outputs)
        let w = g.inputs.indices.map { i in (0..<450).map { Double(1 + (i + $0) % 3) } }
        for rts in [ReturnsToScale.crs, .vrs] {
            let a = SlacksBasedMeasure(orientation: .non, rts: rts, strategy: .direct).score(data)
            let b = SlacksBasedMeasure(orientation: .non, rts: rts, strategy: .frontierFirst).score(data)
            let c = DirectionalDistance(orientation: .non, rts: rts, strategy: .direct).score(data)
            let d = DirectionalDistance(orientation: .non, rts: rts, strategy: .frontierFirst).score(data)
            let e = EconomicEfficiency(kind: .cost, rts: rts, inputPrices: w, strategy: .direct).score(data)
            let h = EconomicEfficiency(kind: .cost, rts: rts, inputPrices: w, strategy: .frontierFirst).score(data)
            for j in 0..<450 {
                #expect(a[j].status == .ok && b[j].status == .ok && abs(a[j].score - b[j].score) <= 1e-8)
                #expect(c[j].status == .ok && d[j].status == .ok && abs(c[j].score - d[j].score) <= 1e-8)
                #expect(e[j].status == .ok && h[j].status == .ok && abs(e[j].overall - h[j].overall) <= 1e-8)
            }
        }
    }
}
