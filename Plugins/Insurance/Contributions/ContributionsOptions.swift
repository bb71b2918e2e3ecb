import Foundation
import TolokCore
import TolokInsuranceModel

/// The options of `tolok run contributions`, each declared once.
struct ContributionsOptions: PluginOptions {
    let asOf: DeclaredOption<CivilDate?> = PluginOption.text(
        "as-of", help: "the date arrears are counted to (2024-03-31 or 31/03/2024); required when any bill is not paid in full"
    ).date()
    let buckets: DeclaredOption<ArrearsBuckets> = PluginOption.list(
        "buckets", default: ArrearsBuckets.standardBounds.map(String.init),
        help: "upper bounds in days of the arrears buckets (30,60,90 → 1–30, 31–60, 61–90, > 90)"
    ).map(ContributionsOptions.buckets(_:))
    let groupBy: DeclaredOption<[String]> = PluginOption.list(
        "group-by", help: "columns (or period, office, segment) for the groups table; default: those of period, office, segment the file has")
    let coverage: DeclaredOption<String?> = PluginOption.file(
        "coverage", help: "a file of participants and target population (columns participants, population, [region]) for the coverage ratio")
    let target: DeclaredOption<Decimal?> = PluginOption.optionalNumber(
        "target", bounds: .share, help: "target coverage as a fraction for --coverage, e.g. 0.98"
    ).decimal()
    let map: DeclaredOption<[String]> = PluginOption.list(
        "map", help: "role=COLUMN for headers not recognised; roles: billed, received, due_date, paid_date, period, office, segment; coverage.ROLE (region, participants, population)")

    /// `30,60,90` → the bucket scheme; anything but strictly increasing positive day counts is a
    /// usage error.
    static func buckets(_ items: [String]) throws -> ArrearsBuckets {
        let bounds = try items.map { item -> Int in
            guard let n = Int(item) else { throw UsageError("--buckets expects whole day counts, e.g. 30,60,90, got \"\(item)\"") }
            return n
        }
        do {
            return try ArrearsBuckets(bounds: bounds)
        } catch ArrearsBuckets.Problem.notIncreasingPositive(let bounds) {
            throw UsageError("--buckets expects strictly increasing positive day counts, e.g. 30,60,90, got \(bounds.map(String.init).joined(separator: ","))")
        }
    }
}
