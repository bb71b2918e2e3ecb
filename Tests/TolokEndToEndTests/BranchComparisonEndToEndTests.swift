import Foundation
import Testing

/// The README's main job: one command compares the bundled branches.
@Suite struct BranchComparisonEndToEndTests {
    @Test func oneCommandBranchReport() throws {
        let outcome = try TolokProcess.run(["run", "branch-comparison", "--data", TolokProcess.dataset("branches/branches_2025.csv")])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("learn_from"))
        #expect(outcome.stdout.contains("Pontianak"))
        #expect(outcome.stdout.contains("company_recovery_rate"))
        let csv = try TolokProcess.run(["run", "branch-comparison", "--data", TolokProcess.dataset("branches/branches_2025.csv"), "--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.stdout.split(separator: "\n").count == 25)
        #expect(csv.stdout.hasPrefix("id,status,rank,efficiency,class,peers,"))
    }
}
