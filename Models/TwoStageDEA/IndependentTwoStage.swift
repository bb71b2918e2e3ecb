import TolokDomain
import TolokDEAModel

/// The independent two-stage evaluation (Seiford & Zhu 1999, "Profitability and marketability of
/// the top 55 U.S. commercial banks", *Management Science* 45, 1270–1288): each stage is an
/// ordinary input-oriented radial DEA model with its own weights — CCR (Charnes, Cooper & Rhodes
/// 1978) or BCC (Banker, Charnes & Cooper 1984) — computed by ``TolokDEA/DEAModel``:
///
///     stage 1:  X → Z          stage 2:  Z → Y          black box:  X → Y
///
/// Nothing links the stages: Z is an output in one model and an input in the other, weighed
/// differently. The reported overall score is stage 1 × stage 2; the black-box score, which Kao &
/// Hwang (2008) list as the independent model's "overall" efficiency, is reported beside it — it
/// generally differs from the product, which is why the relational model was proposed.
///
/// The multiplier weights are those of each stage's program (from its duals), with v·x_o = 1 in
/// stage 1 and w·z_o = 1 in stage 2; under VRS the constants are c = −u₀ (Cooper, Seiford & Tone's
/// u₀), so that a stage score is (weighted outputs + c) / weighted inputs.
public struct IndependentTwoStage {
    public let data: TwoStageData
    public let rts: ReturnsToScale

    public func score() -> [TwoStageUnitScore] {
        let model = DEAModel(orientation: .input, rts: rts)
        let stage1 = model.score(DEAData(inputs: data.rawInputs, outputs: data.rawIntermediates))
        let stage2 = model.score(DEAData(inputs: data.rawIntermediates, outputs: data.rawOutputs))
        let blackBox = model.score(DEAData(inputs: data.rawInputs, outputs: data.rawOutputs))
        return (0..<data.unitCount).map { o in
            let parts = [stage1[o], stage2[o], blackBox[o]]
            if let failed = parts.first(where: { $0.status != .ok }) { return .failed(failed.status) }
            let e1 = stage1[o].efficiency(.input), e2 = stage2[o].efficiency(.input)
            let vrs = rts != .crs
            let weights = StageWeights(inputs: stage1[o].inputWeights, intermediatesStage1: stage1[o].outputWeights,
                                       intermediatesStage2: stage2[o].inputWeights, outputs: stage2[o].outputWeights,
                                       constantStage1: vrs ? -stage1[o].constant : nil,
                                       constantStage2: vrs ? -stage2[o].constant : nil)
            return TwoStageUnitScore(status: .ok, overall: e1 * e2, split: StageSplit(stage1: e1, stage2: e2),
                                     isSplitUnique: true, blackBox: blackBox[o].efficiency(.input), weights: weights)
        }
    }
}
