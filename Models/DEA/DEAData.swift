/// Inputs and outputs of n units, scaled for the LP solver.
///
/// Each input and output column is divided by its mean (of the positive values; 1 when the column
/// has none). Radial scores, λ and relative slacks are invariant to this scaling, and it keeps
/// the LPs well conditioned when raw data span 0.1 … 4e7 (the Kao–Hwang data: unscaled, even HiGHS
/// returns a wrong "optimal" θ = 0.998410 for unit 1 instead of 0.984001).
///
/// Storage: one column of m + s values per unit, (x̃₁ⱼ … x̃ₘⱼ, ỹ₁ⱼ … ỹₛⱼ), units contiguous.
public struct DEAData: Sendable {
    public let unitCount: Int
    public let inputCount: Int
    public let outputCount: Int
    /// Scaled profiles, (m + s) × n column-major.
    public let profiles: [Double]
    /// x̃ = x / inputScale, ỹ = y / outputScale.
    public let inputScale: [Double]
    public let outputScale: [Double]

    /// `inputs[i][j]` is input i of unit j; `outputs[r][j]` output r of unit j.
    public init(inputs: [[Double]], outputs: [[Double]]) {
        let n = inputs.first?.count ?? outputs.first?.count ?? 0
        precondition(inputs.allSatisfy { $0.count == n } && outputs.allSatisfy { $0.count == n }, "ragged DEA data")
        func scale(_ column: [Double]) -> Double {
            let positive = column.filter { $0 > 0 && $0.isFinite }
            guard !positive.isEmpty else { return 1 }
            return positive.reduce(0, +) / Double(positive.count)
        }
        unitCount = n
        inputCount = inputs.count
        outputCount = outputs.count
        inputScale = inputs.map(scale)
        outputScale = outputs.map(scale)
        let d = inputs.count + outputs.count
        var p = [Double](repeating: 0, count: d * n)
        for j in 0..<n {
            for (i, column) in inputs.enumerated() { p[j * d + i] = column[j] / inputScale[i] }
            for (r, column) in outputs.enumerated() { p[j * d + inputs.count + r] = column[j] / outputScale[r] }
        }
        profiles = p
    }

    /// m + s.
    public var dimension: Int { inputCount + outputCount }

    /// A copy with its own storage. Workers that read the profiles in hot loops each take one, so
    /// that they do not contend on the shared buffer's reference count.
    public func privateCopy() -> DEAData {
        DEAData(unitCount: unitCount, inputCount: inputCount, outputCount: outputCount,
                profiles: profiles.withUnsafeBufferPointer { Array($0) },
                inputScale: inputScale.withUnsafeBufferPointer { Array($0) },
                outputScale: outputScale.withUnsafeBufferPointer { Array($0) })
    }

    private init(unitCount: Int, inputCount: Int, outputCount: Int, profiles: [Double], inputScale: [Double], outputScale: [Double]) {
        self.unitCount = unitCount
        self.inputCount = inputCount
        self.outputCount = outputCount
        self.profiles = profiles
        self.inputScale = inputScale
        self.outputScale = outputScale
    }

    /// The scaled profile of unit j.
    public func profile(_ j: Int) -> ArraySlice<Double> {
        profiles[(j * dimension)..<((j + 1) * dimension)]
    }

    /// Original (unscaled) input i of unit j.
    public func input(_ i: Int, of j: Int) -> Double { profiles[j * dimension + i] * inputScale[i] }

    /// Original (unscaled) output r of unit j.
    public func output(_ r: Int, of j: Int) -> Double { profiles[j * dimension + inputCount + r] * outputScale[r] }
}
