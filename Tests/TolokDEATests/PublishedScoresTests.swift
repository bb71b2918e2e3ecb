import Testing
import TolokCore
@testable import TolokDEAModel
@testable import TolokDEA

/// Radial scores against the reference columns of `Datasets/*.expected.csv` (SOURCES-DEA.md),
/// at 1e-6 (the files carry 6 decimals, cross-checked with deaR to ≤ 5e-7). Every model is run
/// with both scoring strategies (all units as reference; frontier first), which must agree.
@Suite struct PublishedScoresTests {
    static let tolerance = 1e-6
    static let strategies: [DEAModel.Strategy] = [.direct, .frontierFirst]

    func check(_ file: String, inputs: [String], outputs: [String], column: String,
               model: DEAModel, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let d = try Datasets.load(file + ".csv")
        let ids = try d.texts(d.columnNames[0])
        let expected = try Datasets.expected(file + ".expected.csv")
        let data = try Datasets.deaData(d, inputs: inputs, outputs: outputs)
        for strategy in Self.strategies {
            var m = model
            m.strategy = strategy
            let scores = m.score(data)
            for (j, id) in ids.enumerated() {
                let want = try #require(expected[id]?[column], "no expected \(column) for \(id)", sourceLocation: sourceLocation)
                let got = scores[j].efficiency(model.orientation)
                if let want {
                    #expect(abs(got - want) <= Self.tolerance, "\(file) \(column) unit \(id) (\(strategy)): got \(got), want \(want)", sourceLocation: sourceLocation)
                } else {
                    #expect(scores[j].status == .infeasible, "\(file) \(column) unit \(id): expected infeasible, got \(scores[j].status) \(got)", sourceLocation: sourceLocation)
                }
            }
        }
    }

    static let hospitals = (inputs: ["x1_doctors", "x2_nurses"], outputs: ["y1_outpatients", "y2_inpatients"])

    @Test func hospitals() throws {
        let (x, y) = Self.hospitals
        try check("cst_hospitals_12", inputs: x, outputs: y, column: "ccr_input", model: DEAModel(orientation: .input, rts: .crs))
        try check("cst_hospitals_12", inputs: x, outputs: y, column: "bcc_input", model: DEAModel(orientation: .input, rts: .vrs))
        try check("cst_hospitals_12", inputs: x, outputs: y, column: "ccr_output", model: DEAModel(orientation: .output, rts: .crs))
        try check("cst_hospitals_12", inputs: x, outputs: y, column: "bcc_output", model: DEAModel(orientation: .output, rts: .vrs))
        try check("cst_hospitals_12", inputs: x, outputs: y, column: "super_ccr_input", model: DEAModel(orientation: .input, rts: .crs, superEfficiency: true))
    }

    static let plants = (inputs: ["x1_manpower", "x2_construction_cost", "x3_maintenance_cost", "x4_villages_evacuated"],
                         outputs: ["y1_power_mw", "y2_safety_level"])

    @Test func powerPlantsIncludingInfeasibleSuperEfficiency() throws {
        let d = try Datasets.load("power_plants_6.csv")
        let x = Array(d.columnNames.filter { $0.hasPrefix("x") }), y = Array(d.columnNames.filter { $0.hasPrefix("y") })
        try check("power_plants_6", inputs: x, outputs: y, column: "ccr_input", model: DEAModel(orientation: .input, rts: .crs))
        try check("power_plants_6", inputs: x, outputs: y, column: "bcc_input", model: DEAModel(orientation: .input, rts: .vrs))
        try check("power_plants_6", inputs: x, outputs: y, column: "super_ccr_input", model: DEAModel(orientation: .input, rts: .crs, superEfficiency: true))
        try check("power_plants_6", inputs: x, outputs: y, column: "super_bcc_input", model: DEAModel(orientation: .input, rts: .vrs, superEfficiency: true))
        try check("power_plants_6", inputs: x, outputs: y, column: "super_ccr_output", model: DEAModel(orientation: .output, rts: .crs, superEfficiency: true))
    }

    static let pftInputs = ["x1_education", "x2_occupation", "x3_parental_visits", "x4_counseling", "x5_teachers"]
    static let pftOutputs = ["y1_reading", "y2_math", "y3_coopersmith"]

    @Test(arguments: ["pft_1981", "pft_1981_deaR_variant"])
    func programFollowThrough(file: String) throws {
        let (x, y) = (Self.pftInputs, Self.pftOutputs)
        try check(file, inputs: x, outputs: y, column: "ccr_input", model: DEAModel(orientation: .input, rts: .crs))
        try check(file, inputs: x, outputs: y, column: "bcc_input", model: DEAModel(orientation: .input, rts: .vrs))
        try check(file, inputs: x, outputs: y, column: "ccr_output", model: DEAModel(orientation: .output, rts: .crs))
        try check(file, inputs: x, outputs: y, column: "bcc_output", model: DEAModel(orientation: .output, rts: .vrs))
    }

    @Test func kaoHwangBlackBoxOnRawData() throws {
        try check("kao_hwang_2008", inputs: ["x1_operation_expenses", "x2_insurance_expenses"],
                  outputs: ["y1_underwriting_profit", "y2_investment_profit"], column: "independent_overall_ccr_input",
                  model: DEAModel(orientation: .input, rts: .crs))
        try check("kao_hwang_2008", inputs: ["x1_operation_expenses", "x2_insurance_expenses"],
                  outputs: ["z1_direct_written_premiums", "z2_reinsurance_premiums"], column: "independent_stage1_ccr_input",
                  model: DEAModel(orientation: .input, rts: .crs))
        try check("kao_hwang_2008", inputs: ["z1_direct_written_premiums", "z2_reinsurance_premiums"],
                  outputs: ["y1_underwriting_profit", "y2_investment_profit"], column: "independent_stage2_ccr_input",
                  model: DEAModel(orientation: .input, rts: .crs))
    }
}
