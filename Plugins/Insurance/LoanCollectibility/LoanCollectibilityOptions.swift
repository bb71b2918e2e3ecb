import Foundation
import TolokCore

/// The options of `tolok run loan-collectibility`, each declared once.
struct LoanCollectibilityOptions: PluginOptions {
    let map: DeclaredOption<[String]> = PluginOption.list("map", help: "role=COLUMN for headers not recognised; roles: outstanding, days_past_due")
    let groupBy: DeclaredOption<[String]> = PluginOption.list("group-by", help: "columns for per-group NPL ratios, e.g. branch")
}
