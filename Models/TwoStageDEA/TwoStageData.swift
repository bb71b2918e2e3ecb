/// Inputs X, intermediate measures Z and outputs Y of n units, scaled for the LP solver.
///
/// Each column is divided by its mean (of the positive values; 1 when there are none), as
/// ``TolokDEA/DEAData`` does: every two-stage score is a ratio of weighted sums, so it does not
/// change when a column is rescaled, and the programs stay well conditioned when the raw data span
/// 0.1 … 3.7e7 (the Kao–Hwang insurers). Weights found on the scaled data are turned back into the
/// data's own units by dividing by the column's scale.
///
/// Layout: `inputs[i][j]` is input i of unit j (likewise `intermediates[d][j]`, `outputs[r][j]`).
public struct TwoStageData: Sendable {
    public let unitCount: Int
    public let inputCount: Int
    public let intermediateCount: Int
    public let outputCount: Int
    /// The data as given (for the independent stage models, which scale on their own).
    public let rawInputs: [[Double]]
    public let rawIntermediates: [[Double]]
    public let rawOutputs: [[Double]]
    /// Scaled columns: x̃ = x / inputScale, z̃ = z / intermediateScale, ỹ = y / outputScale.
    public let inputs: [[Double]]
    public let intermediates: [[Double]]
    public let outputs: [[Double]]
    public let inputScale: [Double]
    public let intermediateScale: [Double]
    public let outputScale: [Double]

    public init(inputs: [[Double]], intermediates: [[Double]], outputs: [[Double]]) {
        let n = inputs.first?.count ?? 0
        precondition(!inputs.isEmpty && !intermediates.isEmpty && !outputs.isEmpty, "two-stage DEA needs X, Z and Y")
        precondition((inputs + intermediates + outputs).allSatisfy { $0.count == n }, "ragged two-stage data")
        func scale(_ column: [Double]) -> Double {
            let positive = column.filter { $0 > 0 && $0.isFinite }
            return positive.isEmpty ? 1 : positive.reduce(0, +) / Double(positive.count)
        }
        unitCount = n
        inputCount = inputs.count
        intermediateCount = intermediates.count
        outputCount = outputs.count
        rawInputs = inputs
        rawIntermediates = intermediates
        rawOutputs = outputs
        inputScale = inputs.map(scale)
        intermediateScale = intermediates.map(scale)
        outputScale = outputs.map(scale)
        self.inputs = zip(inputs, inputScale).map { column, s in column.map { $0 / s } }
        self.intermediates = zip(intermediates, intermediateScale).map { column, s in column.map { $0 / s } }
        self.outputs = zip(outputs, outputScale).map { column, s in column.map { $0 / s } }
    }

    /// The scaled profiles of unit j: x̃ⱼ, z̃ⱼ, ỹⱼ.
    public func input(of j: Int) -> [Double] { inputs.map { $0[j] } }
    public func intermediate(of j: Int) -> [Double] { intermediates.map { $0[j] } }
    public func output(of j: Int) -> [Double] { outputs.map { $0[j] } }
}
