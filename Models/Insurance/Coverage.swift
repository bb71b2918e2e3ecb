import Foundation
import TolokCore

/// Coverage ratio = participants / target population (seed 002, "Pendahuluan": BPJS Kesehatan
/// covered 262.769.113 of a projected 271.066.356 people on 1 September 2023 = 96,94%, against
/// the RPJMN 2020–2024 target of at least 98% by 2024).
public struct Coverage: Sendable, Equatable {
    public var participants: Decimal
    public var population: Decimal

    public init(participants: Decimal, population: Decimal) {
        self.participants = participants
        self.population = population
    }

    public var ratio: Value { TolokCore.ratio(participants, population) }

    /// People still to enrol to reach `target` (a fraction), zero when reached.
    public func gap(to target: Decimal) -> Decimal {
        var needed = target * population
        var up = Decimal()
        NSDecimalRound(&up, &needed, 0, .up)
        return max(up - participants, 0)
    }
}
