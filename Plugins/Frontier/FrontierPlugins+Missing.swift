import TolokCore

/// Cross-section fits: a row with a missing y, x or heterogeneity value is left out of the
/// estimation (status missing_data). Panels (--period) refuse it as before.
extension SFAPlugin: SkipsMissingRows {
    public func rowsAreUnits(_ parameters: Parameters) -> Bool {
        ((try? parameters.value(Self.options.period)) ?? nil) == nil
    }
}

extension OLSPlugin: SkipsMissingRows {
    public func rowsAreUnits(_ parameters: Parameters) -> Bool { true }
}
