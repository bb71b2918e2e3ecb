import TolokDomain

/// How a DEA unit is classified, for every DEA-based plugin alike.
///
/// - `efficient`: θ = 1 (or 1/φ = 1) and every slack 0 — Pareto–Koopmans efficient
///   (Cooper, Seiford & Tone 2007, Definition 3.2); under super-efficiency, a score ≥ 1.
/// - `weaklyEfficient`: radial score 1 with some positive slack (Farrell efficient only).
/// - `inefficient`: radial score below 1.
///
/// "= 1" and "= 0" are decided with ``DEATolerance/classification``. A unit whose status is not
/// `ok` has no class.
public enum EfficiencyClass: String, Sendable, CaseIterable {
    case efficient
    case weaklyEfficient = "weakly_efficient"
    case inefficient

    public init?(_ score: DEAUnitScore, orientation: Orientation, superEfficiency: Bool = false) {
        guard score.status == .ok else { return nil }
        let tol = DEATolerance.classification
        if superEfficiency {
            // Slacks against the others' technology say nothing about Pareto efficiency.
            self = score.efficiency(orientation) >= 1 - tol ? .efficient : .inefficient
        } else if score.isEfficient {
            self = .efficient
        } else if abs(score.radial - 1) <= tol {
            self = .weaklyEfficient
        } else {
            self = .inefficient
        }
    }
}

/// Summary statistics over DEA scores that every DEA-based report shows.
public struct EfficiencySummary: Sendable, Equatable {
    /// Units with an `ok` status.
    public var scored: Int
    /// Units classified `efficient` (not counted under super-efficiency, where it means ≥ 1).
    public var efficient: Int
    /// Mean and minimum efficiency over the scored units; `nil` when none was scored.
    public var mean: Double?
    public var minimum: Double?
    /// Units per non-`ok` status.
    public var failures: [UnitStatus: Int]

    public init(_ scores: [DEAUnitScore], orientation: Orientation, superEfficiency: Bool = false) {
        let e = scores.map { $0.efficiency(orientation) }.filter(\.isFinite)
        scored = scores.filter { $0.status == .ok }.count
        efficient = scores.filter { EfficiencyClass($0, orientation: orientation, superEfficiency: superEfficiency) == .efficient }.count
        mean = e.isEmpty ? nil : e.reduce(0, +) / Double(e.count)
        minimum = e.min()
        failures = [:]
        for s in scores where s.status != .ok { failures[s.status, default: 0] += 1 }
    }
}
