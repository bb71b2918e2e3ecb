import Testing
import TolokDEAModel
@testable import TolokTwoStageDEAModel
@testable import TolokTwoStageDEA

/// Properties every correct two-stage implementation has, on the Kao–Hwang data, on seeded
/// synthetic data and on the fixture's data (which include VRS degeneracies).
@Suite struct TwoStageInvariantTests {
    /// Every supported model and priority.
    static let models: [TwoStageDEAModel] = {
        var out: [TwoStageDEAModel] = []
        for priority in StagePriority.allCases {
            out.append(try! TwoStageDEAModel(method: .relational, rts: .crs, priority: priority))
            for rts in [ReturnsToScale.crs, .vrs] {
                out.append(try! TwoStageDEAModel(method: .additive, rts: rts, priority: priority))
                out.append(try! TwoStageDEAModel(method: .independent, rts: rts, priority: priority))
            }
        }
        return out
    }()

    static func datasets() throws -> [(name: String, data: TwoStageData)] {
        var out = [("kao_hwang_2008", try TwoStageTestSupport.kaoHwangData())]
        for seed: UInt64 in [1, 2] {
            let s = TwoStageTestSupport.synthetic(units: 30, seed: seed)
            out.append(("synthetic seed \(seed)", TwoStageData(inputs: s.x, intermediates: s.z, outputs: s.y)))
        }
        for c in try TwoStageTestSupport.fixture().cases { out.append((c.name, c.data)) }
        return out
    }

    func describe(_ m: TwoStageDEAModel) -> String { "\(m.method.rawValue)/\(m.rts.rawValue)/\(m.priority.rawValue)" }

    @Test func unitsInvariance() throws {
        // Rescale every column by a different factor (1e-3 … 1e6): no score may move.
        let factors = [1e-3, 7.5, 1e6, 0.02, 3e4, 1e-2]
        for (name, data) in try Self.datasets() {
            func rescale(_ columns: [[Double]], _ offset: Int) -> [[Double]] {
                columns.enumerated().map { k, col in col.map { $0 * factors[(k + offset) % factors.count] } }
            }
            let scaled = TwoStageData(inputs: rescale(data.rawInputs, 0), intermediates: rescale(data.rawIntermediates, 2),
                                      outputs: rescale(data.rawOutputs, 4))
            for model in Self.models {
                let a = model.score(data), b = model.score(scaled)
                for j in 0..<data.unitCount {
                    let tag = "\(name) \(describe(model)) unit \(j + 1)"
                    #expect(a[j].status == b[j].status, "\(tag) status")
                    let pairs: [(Double?, Double?)] = [(a[j].overall, b[j].overall), (a[j].split.stage1, b[j].split.stage1),
                                                      (a[j].split.stage2, b[j].split.stage2), (a[j].blackBox, b[j].blackBox),
                                                      (a[j].otherSplit?.stage1, b[j].otherSplit?.stage1),
                                                      (a[j].otherSplit?.stage2, b[j].otherSplit?.stage2)]
                    for (x, y) in pairs {
                        #expect((x == nil) == (y == nil), "\(tag): \(String(describing: x)) vs \(String(describing: y))")
                        if let x, let y { #expect(abs(x - y) <= 1e-7 * max(1, abs(x)), "\(tag): \(x) vs \(y)") }
                    }
                    #expect(a[j].isSplitUnique == b[j].isSplitUnique, "\(tag) unique_split")
                }
            }
        }
    }

    @Test func decompositionIdentities() throws {
        for (name, data) in try Self.datasets() {
            for model in Self.models {
                for (j, s) in model.score(data).enumerated() {
                    let tag = "\(name) \(describe(model)) unit \(j + 1)"
                    #expect(s.status == .ok, "\(tag): \(s.status)")
                    let theta = try #require(s.overall)
                    #expect(theta > 0 && theta <= 1 + 1e-9, "\(tag): overall \(theta)")
                    switch model.method {
                    case .relational, .independent:
                        // E = E1·E2 (independent: overall is defined as the product).
                        #expect(abs(theta - s.split.stage1! * s.split.stage2!) <= 1e-12, "\(tag)")
                    case .additive:
                        let w1 = try #require(s.split.stage1Weight)
                        #expect(w1 >= -1e-12 && w1 <= 1 + 1e-12, "\(tag)")
                        if let t1 = s.split.stage1, let t2 = s.split.stage2 {
                            #expect(abs(theta - (w1 * t1 + (1 - w1) * t2)) <= 1e-9, "\(tag): θ = ω1θ1 + ω2θ2")
                        } else {
                            // An undefined stage has zero weight; its numerator is ≤ 0 then, so the
                            // other stage scores at least θ.
                            #expect(model.rts == .vrs, "\(tag)")
                            if s.split.stage1 == nil { #expect(w1 == 0 && s.split.stage2! >= theta - 1e-9, "\(tag)") }
                            if s.split.stage2 == nil { #expect(w1 == 1 && s.split.stage1! >= theta - 1e-9, "\(tag)") }
                        }
                    }
                    for t in [s.split.stage1, s.split.stage2].compactMap({ $0 }) {
                        #expect(t <= 1 + 1e-9, "\(tag): stage score \(t) > 1")
                        // Only the additive model under VRS can give a stage a score ≤ 0.
                        if !(model.method == .additive && model.rts == .vrs) { #expect(t > 0, "\(tag): stage score \(t)") }
                    }
                }
            }
        }
    }

    @Test func relationalIsInsideTheBlackBoxAndEachStage() throws {
        for (name, data) in try Self.datasets() {
            let relational = try TwoStageDEAModel(method: .relational).score(data)
            let independent = try TwoStageDEAModel(method: .independent).score(data)
            for j in 0..<data.unitCount {
                let tag = "\(name) unit \(j + 1)"
                #expect(relational[j].overall! <= independent[j].blackBox! + 1e-9, "\(tag): E ≤ black-box CCR")
                #expect(relational[j].split.stage1! <= independent[j].split.stage1! + 1e-9, "\(tag): E1 ≤ CCR stage 1")
                #expect(relational[j].split.stage2! <= independent[j].split.stage2! + 1e-9, "\(tag): E2 ≤ CCR stage 2")
            }
        }
    }

    /// The reported weights (data units) reproduce the reported stage scores, and under them no
    /// unit scores above 1 in either stage.
    @Test func weightsReproduceScoresAndAreFeasible() throws {
        func dot(_ a: [Double], _ columns: [[Double]], _ j: Int) -> Double {
            a.indices.reduce(0) { $0 + a[$1] * columns[$1][j] }
        }
        for (name, data) in try Self.datasets() {
            for model in Self.models {
                for (o, s) in model.score(data).enumerated() {
                    let tag = "\(name) \(describe(model)) unit \(o + 1)"
                    let w = try #require(s.weights, "\(tag)")
                    let c1 = w.constantStage1 ?? 0, c2 = w.constantStage2 ?? 0
                    #expect((w.constantStage1 != nil) == (model.rts == .vrs), "\(tag)")
                    let x = data.rawInputs, z = data.rawIntermediates, y = data.rawOutputs
                    for weight in w.inputs + w.intermediatesStage1 + w.intermediatesStage2 + w.outputs { #expect(weight >= 0, "\(tag)") }
                    let vx = dot(w.inputs, x, o), wz1 = dot(w.intermediatesStage1, z, o), wz2 = dot(w.intermediatesStage2, z, o)
                    let uy = dot(w.outputs, y, o)
                    if let t1 = s.split.stage1, vx > 1e-12 * (vx + wz1) {
                        #expect(abs((wz1 + c1) / vx - t1) <= 1e-7, "\(tag): stage 1 from weights \((wz1 + c1) / vx) vs \(t1)")
                    }
                    if let t2 = s.split.stage2, wz2 > 1e-12 * (vx + wz2) {
                        #expect(abs((uy + c2) / wz2 - t2) <= 1e-7, "\(tag): stage 2 from weights \((uy + c2) / wz2) vs \(t2)")
                    }
                    if model.method == .additive, let w1 = s.split.stage1Weight {
                        #expect(abs(vx / (vx + wz1) - w1) <= 1e-9, "\(tag): ω1 from weights")
                    }
                    for j in 0..<data.unitCount {
                        let scale1 = dot(w.inputs, x, j), scale2 = dot(w.intermediatesStage2, z, j)
                        #expect(dot(w.intermediatesStage1, z, j) + c1 - scale1 <= 1e-8 * max(1, vx + wz1), "\(tag): stage 1 of unit \(j + 1) above 1")
                        #expect(dot(w.outputs, y, j) + c2 - scale2 <= 1e-8 * max(1, vx + wz2), "\(tag): stage 2 of unit \(j + 1) above 1")
                    }
                }
            }
        }
    }

    @Test func priorityOnlySwapsTheSplits() throws {
        for (name, data) in try Self.datasets() {
            for method in [TwoStageMethod.relational, .additive] {
                for rts in method == .relational ? [ReturnsToScale.crs] : [.crs, .vrs] {
                    let a = try TwoStageDEAModel(method: method, rts: rts, priority: .stage1).score(data)
                    let b = try TwoStageDEAModel(method: method, rts: rts, priority: .stage2).score(data)
                    for j in 0..<data.unitCount {
                        let tag = "\(name) \(method.rawValue)/\(rts.rawValue) unit \(j + 1)"
                        #expect(a[j].overall == b[j].overall, "\(tag)")
                        #expect(a[j].split.stage1 == b[j].otherSplit?.stage1 && a[j].split.stage2 == b[j].otherSplit?.stage2, "\(tag)")
                        #expect(a[j].isSplitUnique == b[j].isSplitUnique, "\(tag)")
                    }
                }
            }
        }
    }

    @Test func unitWithoutPremiumsOrProfits() throws {
        // Insurer 3 with no premiums and no profits, insurer 4 with premiums but no profits.
        var k = try TwoStageTestSupport.kaoHwang()
        for d in 0..<2 { k.z[d][2] = 0 }
        for r in 0..<2 { k.y[r][2] = 0; k.y[r][3] = 0 }
        let data = TwoStageData(inputs: k.x, intermediates: k.z, outputs: k.y)
        for method in [TwoStageMethod.relational, .additive] {
            for priority in StagePriority.allCases {
                let s = try TwoStageDEAModel(method: method, priority: priority).score(data)
                let tag = "\(method.rawValue) \(priority.rawValue)"
                #expect(s[2].status == .ok && abs(s[2].overall ?? .nan) <= 1e-12 && abs(s[2].split.stage1 ?? .nan) <= 1e-12 && s[2].split.stage2 == nil, "\(tag): \(s[2])")
                #expect(!s[2].isSplitUnique && s[2].bindingStage == nil, "\(tag)")
                // No profits: stage 2 scores 0, stage 1 its CCR score X → Z (the split is unique);
                // overall 0 (relational) or ω₁·θ₁ (additive).
                let u = s[3], t1 = u.split.stage1 ?? .nan
                #expect(u.status == .ok && abs(u.split.stage2 ?? .nan) <= 1e-12 && u.isSplitUnique, "\(tag): \(u)")
                #expect(abs(t1 - 0.7243493275470132) <= 1e-9, "\(tag): stage 1 is the CCR score X → Z: \(u)")
                let expectedOverall = method == .relational ? 0 : (u.split.stage1Weight ?? .nan) * t1
                #expect(abs((u.overall ?? .nan) - expectedOverall) <= 1e-12, "\(tag): \(u)")
            }
        }
        // The independent stage-2 model cannot score a unit whose stage-2 inputs are all 0.
        #expect(try TwoStageDEAModel(method: .independent).score(data)[2].status == .unbounded)
    }

    @Test func configurationErrors() {
        #expect(throws: TwoStageModelError.relationalNeedsConstantReturns) { try TwoStageDEAModel(method: .relational, rts: .vrs) }
        #expect(throws: TwoStageModelError.unsupportedReturnsToScale(.nirs)) { try TwoStageDEAModel(method: .additive, rts: .nirs) }
        #expect(TwoStageModelError.relationalNeedsConstantReturns.description.contains("additive"))
    }

    @Test func rankingAndBindingStage() {
        #expect(EfficiencyRanking.ranks([0.5, 1, nil, 0.5 + 1e-10, 0.9]) == [3, 1, nil, 3, 2])
        #expect(EfficiencyRanking.ranks([]) == [])
        #expect(BindingStage(stage1: 0.8, stage2: 0.6) == .stage2)
        #expect(BindingStage(stage1: 0.6, stage2: 0.8) == .stage1)
        #expect(BindingStage(stage1: 0.7, stage2: 0.7 + 1e-10) == .tie)
        #expect(BindingStage(stage1: nil, stage2: 0.7) == nil)
    }
}
