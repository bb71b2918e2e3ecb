import Foundation
import TolokCore
import TolokInsuranceModel

/// The options of `tolok run risk-placement`, each declared once.
struct RiskPlacementOptions: PluginOptions {
    let map: DeclaredOption<[String]> = PluginOption.list(
        "map", help: "role=COLUMN for headers not recognised; roles: sum_insured, rate, treaty_capacity, facultative, equity")
    /// A fraction of equity: 0 (no retention allowed) to 1.
    let maxRetention: DeclaredOption<Decimal> = PluginOption.number(
        "max-retention", default: Double(nearest: RiskPlacement.maximumRetentionShare), bounds: .closed(0, 1),
        help: "maximum own retention as a fraction of equity (Kep.1297/LK/2000: 10%)"
    ).decimal()
}
