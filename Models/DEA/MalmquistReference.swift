/// The reference technologies a Malmquist index compares periods against (`--malmquist-reference`).
///
/// - `adjacent`: period t's technology is spanned by period t's units only (contemporaneous
///   frontiers; Färe, Grosskopf, Norris & Zhang 1994).
/// - `sequential`: period t's technology is spanned by the units of every period ≤ t, so a
///   frontier never moves back (Shestalova 2003, *J. Productivity Analysis* 19, 211–226).
/// - `global`: one technology spanned by the units of all periods; M_G = D_G(t)/D_G(s)
///   (Pastor & Lovell 2005, *Economics Letters* 88, 266–271).
public enum MalmquistReference: String, Sendable, CaseIterable {
    case adjacent, sequential, global
}
