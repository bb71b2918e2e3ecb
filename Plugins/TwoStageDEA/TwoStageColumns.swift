import TolokCore
import TolokDEAModel
import TolokTwoStageDEAModel

/// The column names of a two-stage run, by role.
struct TwoStageColumns {
    let inputs: [String]
    let intermediates: [String]
    let outputs: [String]

    /// A column may play one role only: an intermediate measure that is also an input or an
    /// output would make the stage scores meaningless.
    func checkDistinct() throws {
        let roles = [("inputs", inputs), ("intermediates", intermediates), ("outputs", outputs)]
        var seen: [String: String] = [:]
        for (role, names) in roles {
            for name in names {
                if let earlier = seen[name] {
                    throw UsageError(earlier == role
                        ? "column \"\(name)\" is listed twice in --\(role)"
                        : "column \"\(name)\" is listed in both --\(earlier) and --\(role): each column plays one role")
                }
                seen[name] = role
            }
        }
    }
}
