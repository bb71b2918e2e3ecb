/// The id column found by its name when no `--id` is given: a header such as `id`, `dmu`,
/// `branch`, `cabang`, `kantor cabang`, `nama` (any case; spaces, underscores and hyphens ignored).
///
/// A candidate must identify the rows: every cell present and no two alike (`branch` in a loan
/// book, one row per loan, is not an id). Exactly one candidate is the id, and the run's notes say
/// so; two or more are refused (the ids would depend on a guess), naming them and `--id`; none:
/// the rows are numbered 1, 2, … as before.
public enum IdAliases {
    /// Header names that mean "this column names the units" (English and Indonesian).
    public static let names = ["id", "dmu", "unit", "unit id", "branch", "branch name", "cabang", "kantor cabang", "nama cabang",
                               "kode cabang", "branch code", "nama", "name", "bank", "nama bank"]

    /// What a dataset's headers say about its id column.
    public enum Found: Sendable, Equatable {
        case none
        case one(String)
        case several([String])
    }

    public static func find(in dataset: Dataset) -> Found {
        let wanted = Set(names.map(ColumnRole.normalise))
        let candidates = dataset.columns.filter { c in
            guard wanted.contains(ColumnRole.normalise(c.name)) else { return false }
            var seen = Set<String>()
            for cell in c.raw {
                guard !Column.isMissing(cell), seen.insert(cell).inserted else { return false }
            }
            return true
        }.map(\.name)
        switch candidates.count {
        case 0: return .none
        case 1: return .one(candidates[0])
        default: return .several(candidates)
        }
    }

    /// The note of a run whose ids came from a column found by name.
    public static func note(_ column: String) -> String {
        "id column: \(OutputText.excerpt(column, limit: 40)) (found by name; pass --id to choose another)"
    }
}
