/// The one tolerance that decides "= 1", "= 0" and "equal" in DEA classifications.
///
/// A unit is efficient when |θ − 1| ≤ `classification` and every slack, relative to the unit's own
/// value of that variable (or to the column mean when that value is 0), is ≤ `classification`;
/// a λ is a peer weight when λ > `classification`; scale classes compare scores with it. Scores
/// come from LPs on mean-scaled data solved to 1e-9 feasibility, so 1e-8 separates round-off from
/// real slack.
public enum DEATolerance {
    public static let classification = 1e-8
    /// How closely a score's optimality certificate (normalisation, strong duality,
    /// complementary slackness at the peers; ``ScoreCertificate``) must hold, relative to the
    /// size of its terms. The programs are solved to 1e-9 on mean-scaled data, so correct
    /// scores meet it with room to spare, while a score off in its sixth digit fails it.
    public static let certificate = 1e-6
}
