/// The Malmquist productivity index between two periods s → t and its decompositions, from
/// distance scores dᵃ(b) = the score of period-b data against the period-a reference technology
/// (input distance θ, or the Shephard output distance 1/φ, so dᵃ(b) > 1 means the period-b point
/// lies outside the period-a technology).
///
/// Two period technologies (adjacent or sequential reference; Färe, Grosskopf, Norris & Zhang
/// 1994, *AER* 84(1), 66–83):
///
///     M  = √[ (dˢ(t) / dˢ(s)) · (dᵗ(t) / dᵗ(s)) ]
///     EC = dᵗ(t) / dˢ(s)            (efficiency change, catching up)
///     TC = M / EC = √[ (dˢ(t) / dᵗ(t)) · (dˢ(s) / dᵗ(s)) ]   (technical change, frontier shift)
///
/// One global technology G (Pastor & Lovell 2005, *Economics Letters* 88, 266–271), with dˢ(s),
/// dᵗ(t) the contemporaneous distances:
///
///     M_G = D_G(t) / D_G(s),   EC as above,   TC = M_G / EC = [D_G(t)/dᵗ(t)] / [D_G(s)/dˢ(s)]
///
/// (TC is then the best-practice gap change.) With the distances under CRS, the VRS
/// decomposition of EC (Färe, Grosskopf, Norris & Zhang 1994, section III):
///
///     PECH = dᵗ_VRS(t) / dˢ_VRS(s)  (pure efficiency change)
///     SECH = EC / PECH = SEᵗ(t) / SEˢ(s),  SE = d_CRS / d_VRS  (scale efficiency change)
///
/// so M = PECH · SECH · TC. M > 1 means productivity growth.
public struct MalmquistIndex: Sendable {
    /// The distances beyond the two own-period ones.
    public enum Frontier: Sendable {
        /// dˢ(t) (period-t data, period-s technology) and dᵗ(s).
        case twoPeriods(fromTo: Double, toFrom: Double)
        /// D_G(s) and D_G(t) against the global technology.
        case global(from: Double, to: Double)
    }

    /// VRS own-period distances dˢ_VRS(s), dᵗ_VRS(t) for the FGNZ decomposition.
    public struct Pure: Sendable {
        public var fromFrom: Double
        public var toTo: Double
        public init(fromFrom: Double, toTo: Double) {
            self.fromFrom = fromFrom
            self.toTo = toTo
        }
    }

    /// dˢ(s) and dᵗ(t): each period's data against its own period's reference technology.
    public var fromFrom: Double
    public var toTo: Double
    public var frontier: Frontier
    /// `nil` without the decomposition.
    public var pure: Pure?

    public init(fromFrom: Double, toTo: Double, frontier: Frontier, pure: Pure? = nil) {
        self.fromFrom = fromFrom
        self.toTo = toTo
        self.frontier = frontier
        self.pure = pure
    }

    /// Two period technologies: dˢ(s), dᵗ(t), dˢ(t), dᵗ(s).
    public init(fromFrom: Double, toTo: Double, fromTo: Double, toFrom: Double, pure: Pure? = nil) {
        self.init(fromFrom: fromFrom, toTo: toTo, frontier: .twoPeriods(fromTo: fromTo, toFrom: toFrom), pure: pure)
    }

    /// dˢ(t), `nil` under the global reference.
    public var fromTo: Double? { if case .twoPeriods(let d, _) = frontier { d } else { nil } }
    /// dᵗ(s), `nil` under the global reference.
    public var toFrom: Double? { if case .twoPeriods(_, let d) = frontier { d } else { nil } }
    /// D_G(s), `nil` without the global reference.
    public var globalFrom: Double? { if case .global(let d, _) = frontier { d } else { nil } }
    /// D_G(t), `nil` without the global reference.
    public var globalTo: Double? { if case .global(_, let d) = frontier { d } else { nil } }

    /// Every distance the index uses (for the positivity check).
    public var distances: [Double] {
        var all = [fromFrom, toTo]
        switch frontier {
        case let .twoPeriods(a, b): all += [a, b]
        case let .global(a, b): all += [a, b]
        }
        if let pure { all += [pure.fromFrom, pure.toTo] }
        return all
    }

    public var index: Double {
        switch frontier {
        case let .twoPeriods(fromTo, toFrom): ((fromTo / fromFrom) * (toTo / toFrom)).squareRoot()
        case let .global(from, to): to / from
        }
    }

    public var efficiencyChange: Double { toTo / fromFrom }
    public var technicalChange: Double { index / efficiencyChange }
    public var pureEfficiencyChange: Double? { pure.map { $0.toTo / $0.fromFrom } }
    public var scaleEfficiencyChange: Double? { pureEfficiencyChange.map { efficiencyChange / $0 } }
}
