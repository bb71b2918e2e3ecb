import TolokCore

/// Cross-section fits: a row with a missing y, x or heterogeneity value is left out of the
/// estimation (status missing_data). Panels (--period): the host leaves the row out and lists it
/// in the notes; the firm keeps its other periods (the panel may be unbalanced, PanelIndex), and a
/// firm with no complete row left is not in the result.
extension SFAPlugin: SkipsMissingRows {
    public func rowsAreUnits(_ parameters: Parameters) -> Bool {
        ((try? parameters.value(Self.options.period)) ?? nil) == nil
    }

    public func leavesOutMissingRows(_ parameters: Parameters) -> Bool { true }
}

extension OLSPlugin: SkipsMissingRows {
    public func rowsAreUnits(_ parameters: Parameters) -> Bool { true }
}
