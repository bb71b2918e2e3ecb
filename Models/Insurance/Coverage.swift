import Foundation

/// Coverage ratio = participants / target population (docs/INSURANCE.md §7, after working
/// document 002, "Pendahuluan": BPJS Kesehatan covered 262.769.113 of a projected 271.066.356
/// people on 1 September 2023 = 96,94%, against the RPJMN 2020–2024 target of at least 98% by 2024).
public struct Coverage: Sendable, Equatable {
    public var participants: Decimal
    public var population: Decimal

    public init(participants: Decimal, population: Decimal) {
        self.participants = participants
        self.population = population
    }

    /// The sum of some rows' participants and populations.
    public static func total(_ rows: some Sequence<Coverage>) -> Coverage {
        rows.reduce(Coverage(participants: 0, population: 0)) {
            Coverage(participants: $0.participants + $1.participants, population: $0.population + $1.population)
        }
    }

    /// Participants / population, `nil` when the population is zero.
    public var ratio: Decimal? { quotient(participants, population) }

    /// People still to enrol to reach `target` (a fraction): ⌈target × population⌉ −
    /// participants, zero when reached.
    public func gap(to target: Decimal) -> Decimal {
        var needed = target * population
        var up = Decimal()
        NSDecimalRound(&up, &needed, 0, .up)
        return max(up - participants, 0)
    }

    /// Whether coverage is below `target`.
    public func isBelow(_ target: Decimal) -> Bool { participants < target * population }

    /// More participants than target population (coverage above 100%).
    public var exceedsPopulation: Bool { participants > population }
}
