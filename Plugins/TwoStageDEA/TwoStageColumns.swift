import TolokCore
import TolokDEAModel
import TolokTwoStageDEAModel

/// The column names of a two-stage run, by role (each plays one role: `requireDistinctColumns`).
struct TwoStageColumns {
    let inputs: [String]
    let intermediates: [String]
    let outputs: [String]
}
