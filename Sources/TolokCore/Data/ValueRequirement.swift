/// What a plugin requires of the numbers in a column. Checked by ``Dataset/numbers(_:_:)``,
/// which names the first offending cell by line, row and column.
public enum ValueRequirement: String, Sendable, Equatable, Codable {
    /// Any finite number (no missing cells, no NaN or ±∞).
    case finite
    /// A finite number > 0 (e.g. DEA inputs, ratio denominators).
    case positive
    /// A finite number ≥ 0 (e.g. DEA outputs, premiums).
    case nonNegative

    var phrase: String {
        switch self {
        case .finite: return "a finite number"
        case .positive: return "a positive number"
        case .nonNegative: return "a non-negative number"
        }
    }

    func accepts(_ x: Double) -> Bool {
        guard x.isFinite else { return false }
        switch self {
        case .finite: return true
        case .positive: return x > 0
        case .nonNegative: return x >= 0
        }
    }
}
