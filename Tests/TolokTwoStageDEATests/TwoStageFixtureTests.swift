import Testing
import TolokDEAModel
@testable import TolokTwoStageDEAModel
@testable import TolokTwoStageDEA

/// The additive model (VRS and CRS) and the relational model against scipy/HiGHS on seeded random
/// data (`Fixtures/two_stage_random.json`, scripts/generate_two_stage_fixtures.py). The script
/// solves the papers' primal multiplier programs; Tolok solves their duals with its own simplex,
/// so agreement checks the formulation, the duality bookkeeping and the decomposition rules
/// (including undefined stage scores and priority-dependent splits) at once.
@Suite struct TwoStageFixtureTests {
    func compare(_ got: Double?, _ want: Double?, tolerance: Double, _ what: String, worst: inout Double) {
        switch (got, want) {
        case (nil, nil): break
        case let (g?, w?):
            worst = max(worst, abs(g - w))
            #expect(abs(g - w) <= tolerance, "\(what): got \(g), want \(w)")
        default:
            Issue.record("\(what): got \(String(describing: got)), want \(String(describing: want))")
        }
    }

    @Test func everyCaseModelAndPriority() throws {
        let fixture = try TwoStageTestSupport.fixture()
        var worst: [String: Double] = [:]
        var checkedModels = Set<String>()
        for c in fixture.cases {
            let data = c.data
            for m in c.models {
                let method = try #require(TwoStageMethod(rawValue: m.method))
                let rts = try #require(ReturnsToScale(rawValue: m.rts))
                checkedModels.insert("\(m.method)/\(m.rts)")
                for priority in StagePriority.allCases {
                    let scores = try TwoStageDEAModel(method: method, rts: rts, priority: priority).score(data)
                    let (own, other) = priority == .stage1 ? (m.stage1_first, m.stage2_first) : (m.stage2_first, m.stage1_first)
                    var w = worst["\(m.method)/\(m.rts)", default: 0]
                    for j in 0..<c.n {
                        let s = scores[j]
                        let tag = "\(c.name) \(m.method)/\(m.rts) \(priority.rawValue) first, unit \(j + 1)"
                        #expect(s.status == .ok, "\(tag): \(s.status)")
                        compare(s.overall, m.overall[j], tolerance: fixture.tolerance, tag + " overall", worst: &w)
                        compare(s.split.stage1, own.stage1[j], tolerance: fixture.tolerance, tag + " stage1", worst: &w)
                        compare(s.split.stage2, own.stage2[j], tolerance: fixture.tolerance, tag + " stage2", worst: &w)
                        compare(s.otherSplit?.stage1, other.stage1[j], tolerance: fixture.tolerance, tag + " other stage1", worst: &w)
                        compare(s.otherSplit?.stage2, other.stage2[j], tolerance: fixture.tolerance, tag + " other stage2", worst: &w)
                        // ω1 = (θ − θ2)/(θ1 − θ2) is determined by the scores only where θ1 ≠ θ2 (and is
                        // 0 or 1 when a stage is undefined); elsewhere equally optimal weights differ.
                        if let omega = own.omega1 {
                            let determined = own.stage1[j] == nil || own.stage2[j] == nil || abs(own.stage1[j]! - own.stage2[j]!) > 1e-4
                            if determined {
                                compare(s.split.stage1Weight, omega[j], tolerance: fixture.tolerance, tag + " omega1", worst: &w)
                            }
                        }
                        // Unique exactly when scipy's two priorities agree (all defined).
                        let a = StageSplit(stage1: own.stage1[j], stage2: own.stage2[j])
                        let b = StageSplit(stage1: other.stage1[j], stage2: other.stage2[j])
                        #expect(s.isSplitUnique == a.agrees(with: b, tolerance: 1e-6), "\(tag) unique_split")
                    }
                    worst["\(m.method)/\(m.rts)"] = w
                }
            }
        }
        #expect(checkedModels == ["additive/vrs", "additive/crs", "relational/crs"])
        for (model, error) in worst.sorted(by: { $0.key < $1.key }) { print("fixture \(model): max |error| = \(error)") }
    }

    /// The fixture exercises the degenerate paths (otherwise the comparison above could pass
    /// without ever testing them).
    @Test func fixtureCoversTheDegenerateCases() throws {
        let fixture = try TwoStageTestSupport.fixture()
        let models = fixture.cases.flatMap(\.models)
        let additiveVRS = models.filter { $0.method == "additive" && $0.rts == "vrs" }
        #expect(additiveVRS.contains { ($0.stage1_first.stage1 + $0.stage1_first.stage2).contains { $0 == nil } })
        #expect(additiveVRS.contains { ($0.stage1_first.stage1 + $0.stage1_first.stage2).contains { ($0 ?? 1) <= 0 } })
        let relational = models.filter { $0.method == "relational" }
        #expect(relational.contains { m in m.stage1_first.stage1.indices.contains { abs(m.stage1_first.stage1[$0]! - m.stage2_first.stage1[$0]!) > 1e-6 } })
    }
}
