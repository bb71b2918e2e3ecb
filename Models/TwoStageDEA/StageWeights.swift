/// The multiplier weights behind a unit's two-stage scores, in the data's own units.
///
/// The linked models (relational, additive) use one w for the intermediate measures in both
/// stages; the independent model has its own in each (as stage-1 outputs and as stage-2 inputs).
/// Weights are not unique at most units: these are the ones behind the reported split.
public struct StageWeights: Sendable, Equatable {
    /// v, on the inputs X.
    public var inputs: [Double]
    /// w, on the intermediate measures Z as stage-1 outputs.
    public var intermediatesStage1: [Double]
    /// w, on Z as stage-2 inputs (the same as ``intermediatesStage1`` in the linked models).
    public var intermediatesStage2: [Double]
    /// u, on the outputs Y.
    public var outputs: [Double]
    /// Under VRS, the free constants: stage 1 = (w·z + c₁)/v·x, stage 2 = (u·y + c₂)/w·z.
    public var constantStage1: Double?
    public var constantStage2: Double?

    public init(inputs: [Double], intermediatesStage1: [Double], intermediatesStage2: [Double], outputs: [Double],
                constantStage1: Double? = nil, constantStage2: Double? = nil) {
        self.inputs = inputs
        self.intermediatesStage1 = intermediatesStage1
        self.intermediatesStage2 = intermediatesStage2
        self.outputs = outputs
        self.constantStage1 = constantStage1
        self.constantStage2 = constantStage2
    }
}
