import TolokCore

/// Rows are units except under --period (a unit spans periods) and --reference (the reference
/// file's rows are the technology): there a missing cell is refused as before.
extension DEAPlugin: SkipsMissingRows {
    public func rowsAreUnits(_ parameters: Parameters) -> Bool {
        let o = Self.options
        return ((try? parameters.value(o.period)) ?? nil) == nil && ((try? parameters.value(o.reference)) ?? nil) == nil
            && !((try? parameters.value(o.frontierOnly)) ?? false)
    }
}
