import Foundation
import Testing

/// End-to-end runs of the built executable on good input: the plugin list, the external
/// `ratios` plugin through the C ABI, output formats and atomic output files.
@Suite struct RunTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    @Test func pluginsListsTheExternalRatiosPlugin() throws {
        let outcome = try TolokProcess.run(["plugins"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("ratios"))
        #expect(outcome.stdout.contains("external"))
    }

    @Test func describeShowsParametersAndReferences() throws {
        let outcome = try TolokProcess.run(["describe", "ratios"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("--inputs"))
        #expect(outcome.stdout.contains("docs/MODELS.md §5"))
    }

    @Test func ratiosThroughTheCABI() throws {
        let outcome = try TolokProcess.run(["run", "ratios", "--data", TolokProcess.dataset("cst_hospitals_12.csv"), "--id", "dmu",
                                            "--inputs", "x1_doctors", "--outputs", "y1_outpatients", "--format", "csv"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "id,status,y1_outpatients_per_x1_doctors,y1_outpatients_per_x1_doctors_relative")
        // Hospital A: 100 outpatients / 20 doctors = 5; the best is B with 150/19.
        #expect(lines[1] == "A,ok,5,\(5.0 / (150.0 / 19.0))")
        #expect(lines[2] == "B,ok,\(150.0 / 19.0),1")
        #expect(lines.count == 13)
    }

    @Test func jsonCarriesParametersSummaryAndUnits() throws {
        let outcome = try TolokProcess.run(["run", "ratios", "--data", TolokProcess.dataset("cst_hospitals_12.csv"), "--id", "dmu",
                                            "--inputs", "x1_doctors", "--outputs", "y1_outpatients", "--format", "json"])
        #expect(outcome.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        #expect(object?["plugin"] as? String == "ratios")
        let units = object?["units"] as? [[String: Any]]
        #expect(units?.count == 12)
        #expect(units?.first?["id"] as? String == "A")
        let summary = object?["summary"] as? [String: Any]
        #expect(summary?["best_y1_outpatients_per_x1_doctors"] as? String == "B")
        let parameters = object?["parameters"] as? [String: Any]
        #expect(parameters?["inputs"] as? String == "x1_doctors")
    }

    @Test func indonesianNumbersSemicolonsBOMAndQuotes() throws {
        let text = "\u{FEFF}cabang;biaya;premi\n\"Jakarta; Pusat\";303.218.002,35;1.000,5\nBandung;15,5;20\n"
        let f = try folder.file("id.csv", text)
        let outcome = try TolokProcess.run(["run", "ratios", "--data", f, "--id", "cabang", "--inputs", "biaya", "--outputs", "premi", "--format", "csv"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("Jakarta; Pusat,ok,\(1000.5 / 303218002.35),"))
        #expect(outcome.stdout.contains("Bandung,ok,\(20 / 15.5),1"))
    }

    @Test func outputFileIsWritten() throws {
        let out = folder.path("ratios.csv")
        let outcome = try TolokProcess.run(["run", "ratios", "--data", TolokProcess.dataset("cst_hospitals_12.csv"), "--id", "dmu",
                                            "--inputs", "x1_doctors", "--outputs", "y1_outpatients", "--format", "csv", "--output", out])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.isEmpty)
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("id,status,"))
    }
}

/// `tolok describe` points only at files in this repository: every `….md` it names is a
/// `docs/` file that exists, and no text points at documents the repository does not have
/// ("MODELS.md §n" without docs/, "seed 00n").
@Suite struct DescribePointerTests {
    @Test func describeNamesOnlyFilesInTheRepository() throws {
        let list = try TolokProcess.run(["plugins"])
        let ids = list.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
            .filter { $0 != "broken:" }
        #expect(ids.count >= 12, "\(ids)")
        let md = try NSRegularExpression(pattern: #"([A-Za-z0-9_./-]*)\b([A-Z][A-Z0-9_-]+\.md)"#)
        for id in ids {
            let text = try TolokProcess.run(["describe", id]).stdout
            #expect(!text.isEmpty, "\(id)")
            #expect(text.range(of: #"[Ss]eed 00\d"#, options: .regularExpression) == nil, "\(id) cites a seed document: \(text)")
            for m in md.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let whole = (text as NSString).substring(with: m.range)
                #expect(whole.hasPrefix("docs/"), "\(id) names \(whole), not a docs/ path")
                let path = TolokProcess.repositoryRoot.appendingPathComponent(whole).path
                #expect(FileManager.default.fileExists(atPath: path), "\(id) names \(whole), which does not exist")
            }
        }
    }
}
