import TolokCore

/// A row with a missing input, intermediate or output is left out of both stages' reference
/// sets (status missing_data).
extension TwoStageDEAPlugin: SkipsMissingRows {
    public func rowsAreUnits(_ parameters: Parameters) -> Bool { true }
}
