import Foundation
import TolokCore

/// The options of `tolok run coverage`, each declared once.
struct CoverageOptions: PluginOptions {
    let map: DeclaredOption<[String]> = PluginOption.list("map", help: "role=COLUMN for headers not recognised; roles: region, participants, population")
    let target: DeclaredOption<Decimal?> = PluginOption.optionalNumber(
        "target", bounds: .share,
        help: "target coverage as a fraction, e.g. 0.98 (RPJMN 2020–2024: at least 98% by 2024; docs/INSURANCE.md §7)"
    ).decimal()
}
