/// Returns to scale of the DEA technology, imposed on the intensity weights λ.
///
/// CRS: Charnes, Cooper & Rhodes (1978); VRS: Banker, Charnes & Cooper (1984); NIRS and NDRS:
/// Färe, Grosskopf & Lovell (1985). The dual (multiplier) form gets a constant u₀ that is free
/// (VRS), ≥ 0 … ≤ 0 accordingly (NIRS/NDRS), or absent (CRS).
public enum ReturnsToScale: String, Sendable, CaseIterable {
    /// Constant returns to scale: λ ≥ 0 only.
    case crs
    /// Variable returns to scale: Σλ = 1.
    case vrs
    /// Non-increasing returns to scale: Σλ ≤ 1.
    case nirs
    /// Non-decreasing returns to scale: Σλ ≥ 1.
    case ndrs
}
