import Foundation
import TolokCore
import TolokInsuranceModel

/// The options of `tolok run underwriting`, each declared once.
struct UnderwritingOptions: PluginOptions {
    let map: DeclaredOption<[String]> = PluginOption.list(
        "map", help: "component=COLUMN for headers not recognised, e.g. gross_premium=PremiBruto,commission=Komisi; components: "
            + UnderwritingComponent.allCases.map(\.rawValue).joined(separator: ", ") + "; also branch, class, period")
    let groupBy: DeclaredOption<[String]> = PluginOption.list(
        "group-by", help: "columns (or branch, class, period) to sum into the groups table, e.g. branch,class")
    let components: DeclaredOption<Bool> = PluginOption.flag("components", help: "also list the ten input components in every table")
    /// A fraction of retained premium: 0 (no floor) to 1.
    let reserveFloor: DeclaredOption<Decimal> = PluginOption.number(
        "reserve-floor", default: Double(nearest: UnderwritingAccount.minimumReserveShare), bounds: .closed(0, 1),
        help: "minimum closing premium reserve as a fraction of retained premium (KMK 481/KMK.017/1999 art. 15: 40%)"
    ).decimal()
}
