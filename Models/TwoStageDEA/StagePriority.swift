/// Which stage score is maximised first when the overall optimum leaves the split between the
/// stages open (Kao & Hwang 2008; Chen, Cook, Li & Zhu 2009): the other stage gets
/// what the overall score then implies.
public enum StagePriority: String, Sendable, CaseIterable {
    /// Maximise stage 1 (marketability) with the overall score held at its optimum.
    case stage1
    /// Maximise stage 2 (profitability) with the overall score held at its optimum.
    case stage2

    /// The other priority.
    public var other: StagePriority { self == .stage1 ? .stage2 : .stage1 }
}
