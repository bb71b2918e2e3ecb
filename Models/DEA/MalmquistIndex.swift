/// The Malmquist productivity index between two periods s → t (Färe, Grosskopf, Norris & Zhang
/// 1994, *AER* 84(1), 66–83), from four distance scores dᵃ(b) = the score of period-b data
/// against the period-a frontier:
///
///     M  = √[ (dˢ(t) / dˢ(s)) · (dᵗ(t) / dᵗ(s)) ]
///     EC = dᵗ(t) / dˢ(s)            (efficiency change, catching up)
///     TC = M / EC                   (technical change, frontier shift)
///
/// M > 1 means productivity growth. Scores are input distances θ (or Shephard output distances
/// 1/φ), so a value above 1 in dˢ(t) means period-t data lie outside the period-s technology.
public struct MalmquistIndex: Sendable {
    /// dˢ(s), dᵗ(t), dˢ(t), dᵗ(s).
    public var fromFrom: Double
    public var toTo: Double
    public var fromTo: Double
    public var toFrom: Double

    public init(fromFrom: Double, toTo: Double, fromTo: Double, toFrom: Double) {
        self.fromFrom = fromFrom
        self.toTo = toTo
        self.fromTo = fromTo
        self.toFrom = toFrom
    }

    public var index: Double { ((fromTo / fromFrom) * (toTo / toFrom)).squareRoot() }
    public var efficiencyChange: Double { toTo / fromFrom }
    public var technicalChange: Double { index / efficiencyChange }
}
