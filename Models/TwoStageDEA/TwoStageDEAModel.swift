import TolokDEAModel

/// Two-stage DEA of a process X → Z → Y (docs/MODELS.md §2): the entry point of the models.
///
/// ```swift
/// let model = try TwoStageDEAModel(method: .relational)
/// let scores = model.score(TwoStageData(inputs: x, intermediates: z, outputs: y))
/// ```
///
/// Every stage score is input-oriented (weighted outputs over weighted inputs of the stage). See
/// ``IndependentTwoStage``, ``RelationalTwoStage`` and ``AdditiveTwoStage`` for the programs.
public struct TwoStageDEAModel: Sendable {
    public let method: TwoStageMethod
    public let rts: ReturnsToScale
    public let priority: StagePriority

    /// - Throws: ``TwoStageModelError`` for the relational model under VRS (it is defined under
    ///   CRS only) and for NIRS/NDRS (not defined for two-stage models here).
    public init(method: TwoStageMethod, rts: ReturnsToScale = .crs, priority: StagePriority = .stage1) throws(TwoStageModelError) {
        guard rts == .crs || rts == .vrs else { throw .unsupportedReturnsToScale(rts) }
        if method == .relational && rts != .crs { throw .relationalNeedsConstantReturns }
        self.method = method
        self.rts = rts
        self.priority = priority
    }

    /// Scores every unit against all units.
    /// A unit with every input zero has no input-oriented score (the normalisation v·x = 1
    /// cannot hold: 0/0): status `undefined`; it stays in the others' reference set.
    public func score(_ data: TwoStageData) -> [TwoStageUnitScore] {
        var scores: [TwoStageUnitScore]
        switch method {
        case .independent: scores = IndependentTwoStage(data: data, rts: rts).score()
        case .relational: scores = RelationalTwoStage(data: data, priority: priority).score()
        case .additive: scores = AdditiveTwoStage(data: data, rts: rts, priority: priority).score()
        }
        for j in Self.zeroInputUnits(data) { scores[j] = .failed(.undefined) }
        return scores
    }

    /// The units whose inputs are all zero.
    public static func zeroInputUnits(_ data: TwoStageData) -> [Int] {
        (0..<data.unitCount).filter { j in data.inputs.allSatisfy { $0[j] == 0 } }
    }
}
