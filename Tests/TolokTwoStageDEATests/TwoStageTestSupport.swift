import Foundation
import TolokCore
import TolokNumerics
@testable import TolokTwoStageDEAModel
@testable import TolokTwoStageDEA

/// Data for the two-stage tests: `Datasets/kao_hwang_2008*` and the scipy fixture
/// `Fixtures/two_stage_random.json` (scripts/generate_two_stage_fixtures.py), found from this
/// file's path.
enum TwoStageTestSupport {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repositoryRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    static func dataset(_ name: String) -> String { repositoryRoot.appendingPathComponent("Datasets").appendingPathComponent(name).path }

    // MARK: Kao & Hwang (2008): 24 Taiwanese non-life insurers

    static let kaoHwangInputs = ["x1_operation_expenses", "x2_insurance_expenses"]
    static let kaoHwangIntermediates = ["z1_direct_written_premiums", "z2_reinsurance_premiums"]
    static let kaoHwangOutputs = ["y1_underwriting_profit", "y2_investment_profit"]

    /// The raw (unscaled) data, `columns[k][j]`.
    static func kaoHwang() throws -> (ids: [String], x: [[Double]], z: [[Double]], y: [[Double]]) {
        let d = try CSVLoader.load(path: dataset("kao_hwang_2008.csv"))
        return (try d.texts("dmu"), try kaoHwangInputs.map { try d.numbers($0) },
                try kaoHwangIntermediates.map { try d.numbers($0) }, try kaoHwangOutputs.map { try d.numbers($0) })
    }

    static func kaoHwangData() throws -> TwoStageData {
        let k = try kaoHwang()
        return TwoStageData(inputs: k.x, intermediates: k.z, outputs: k.y)
    }

    /// `kao_hwang_2008.expected.csv`: column name → values in unit order.
    static func kaoHwangExpected() throws -> [String: [Double]] {
        let d = try CSVLoader.load(path: dataset("kao_hwang_2008.expected.csv"))
        var out: [String: [Double]] = [:]
        for c in d.columns.dropFirst() { out[c.name] = try d.numbers(c.name) }
        return out
    }

    // MARK: scipy fixture

    struct Split: Decodable {
        let stage1: [Double?]
        let stage2: [Double?]
        let omega1: [Double?]?
    }

    struct Model: Decodable {
        let method: String
        let rts: String
        let overall: [Double]
        let stage1_first: Split
        let stage2_first: Split
    }

    struct Case: Decodable {
        let name: String
        let n: Int
        let x: [[Double]]
        let z: [[Double]]
        let y: [[Double]]
        let models: [Model]

        var data: TwoStageData { TwoStageData(inputs: x, intermediates: z, outputs: y) }
    }

    struct Fixture: Decodable {
        let tolerance: Double
        let cases: [Case]
    }

    static func fixture() throws -> Fixture {
        let url = testsDirectory.appendingPathComponent("Fixtures/two_stage_random.json")
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    /// Seeded random two-stage data (for invariance tests): a noisy technology X → Z → Y.
    static func synthetic(units n: Int, seed: UInt64) -> (x: [[Double]], z: [[Double]], y: [[Double]]) {
        var rng = SeededGenerator(seed: seed)
        func uniform() -> Double { rng.uniform() }
        var x = [[Double]](repeating: [], count: 2), z = x, y = x
        for _ in 0..<n {
            let x1 = 10 + 90 * uniform(), x2 = 10 + 90 * uniform()
            let e1 = 0.5 + 0.5 * uniform(), e2 = 0.4 + 0.6 * uniform()
            let z1 = (0.6 * x1 + 0.3 * x2) * e1 * (0.8 + 0.2 * uniform()), z2 = (0.2 * x1 + 0.7 * x2) * e1 * (0.8 + 0.2 * uniform())
            let y1 = (0.5 * z1 + 0.4 * z2) * e2 * (0.8 + 0.2 * uniform()), y2 = (0.3 * z1 + 0.6 * z2) * e2 * (0.8 + 0.2 * uniform())
            x[0].append(x1); x[1].append(x2); z[0].append(z1); z[1].append(z2); y[0].append(y1); y[1].append(y2)
        }
        return (x, z, y)
    }
}
