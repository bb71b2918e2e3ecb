/// The version of the `tolok` host (docs/OUTPUT.md, "Versions"), printed by `tolok --version` and
/// carried by every JSON document it writes.
public enum TolokVersion {
    public static let string = "0.1.0"
    /// The version of the JSON result contract (`schema_version`): raised when a key is removed,
    /// renamed or changes meaning. Version 1: `schema_version` and `tolok_version` first, money as
    /// JSON numbers with exactly two decimals.
    public static let resultSchema = 1
}
