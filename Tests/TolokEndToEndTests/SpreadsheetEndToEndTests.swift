import Foundation
import Testing

/// End-to-end: `.xlsx` in (`--data F.xlsx`, `--sheet`) and out (`--format xlsx`, `--output F.xlsx`),
/// and the table-shaping options `--columns`, `--sort`, `--digits`, `--locale id`.
@Suite struct SpreadsheetEndToEndTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    static let fixtures = TolokProcess.repositoryRoot.appendingPathComponent("Tests/TolokWorkbookTests/Fixtures")
    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }
    let dea = ["--id", "dmu", "--inputs", "x1_doctors,x2_nurses", "--outputs", "y1_outpatients,y2_inpatients", "--rts", "vrs"]

    @Test func aWorkbookGivesTheSameResultAsItsCSV() throws {
        let fromXLSX = try TolokProcess.run(["run", "dea", "--data", Self.fixture("hospitals.xlsx")] + dea + ["--format", "csv"])
        let fromCSV = try TolokProcess.run(["run", "dea", "--data", TolokProcess.dataset("cst_hospitals_12.csv")] + dea + ["--format", "csv"])
        #expect(fromXLSX.status == 0, "\(fromXLSX.stderr)")
        #expect(fromXLSX.stdout == fromCSV.stdout)
        let named = try TolokProcess.run(["run", "dea", "--data", Self.fixture("hospitals.xlsx"), "--sheet", "hospitals"] + dea + ["--format", "csv"])
        #expect(named.stdout == fromCSV.stdout)
    }

    @Test func writesAWorkbookToAFileAndToStandardOutput() throws {
        let path = folder.path("board.xlsx")
        let run = ["run", "branch-comparison", "--data", TolokProcess.dataset("branches/branches_2025.csv")]
        let toFile = try TolokProcess.run(run + ["--output", path])
        #expect(toFile.status == 0, "\(toFile.stderr)")
        #expect(toFile.stdout.isEmpty)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]))  // a zip archive
        let piped = folder.path("piped.xlsx")
        let quoted = ([TolokProcess.executable.path] + run + ["--format", "xlsx"]).map { "'\($0)'" }.joined(separator: " ")
        let toStdout = try TolokProcess.run(["-c", "\(quoted) > '\(piped)'"], shell: true)
        #expect(toStdout.status == 0, "\(toStdout.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: piped)) == bytes)  // deterministic bytes
        // The workbook reads back: the units sheet through --sheet.
        let back = try TolokProcess.run(["run", "ratios", "--data", path, "--sheet", "units", "--id", "id",
                                         "--inputs", "target_staff", "--outputs", "efficiency", "--format", "csv", "--columns", "id"])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stdout.hasPrefix("id\nJakarta Pusat\n"))
    }

    /// Every plugin's README example exports as a workbook (the board report included).
    @Test func everyReadmeRunExportsAsXLSX() throws {
        let runs = try ExamplesEndToEndTests.readmeExamples().filter { $0.hasPrefix("tolok run ") }
        #expect(runs.count >= 10)
        var plugins = Set<String>()
        for (k, example) in runs.enumerated() {
            var args = Array(ExamplesEndToEndTests.words(example).dropFirst())
            // Drop the example's own output choices: the workbook has every table.
            for option in ["--format", "--output", "--table", "--lang", "--columns", "--sort", "--digits", "--locale"] {
                while let i = args.firstIndex(of: option), i + 1 < args.count { args.removeSubrange(i...(i + 1)) }
            }
            let path = folder.path("example-\(k).xlsx")
            let out = try TolokProcess.run(args + ["--output", path], in: TolokProcess.repositoryRoot)
            #expect(out.status == 0 || out.status == 3, "`\(example)` as xlsx exited \(out.status): \(out.stderr)")
            #expect(FileManager.default.fileExists(atPath: path), "`\(example)` wrote no workbook")
            plugins.insert(args[1])
        }
        #expect(plugins.isSuperset(of: ["dea", "sfa", "branch-comparison", "two-stage-dea", "underwriting"]), "\(plugins)")
    }

    @Test func workbookErrorsNameTheSheetAndCell() throws {
        let error = try TolokProcess.run(["run", "dea", "--data", Self.fixture("error.xlsx"), "--id", "id", "--inputs", "x", "--outputs", "premi"])
        #expect(error.status == 2)
        #expect(error.stderr.contains(#"error.xlsx, sheet "Sheet1", cell C4 (row 4, data row 3, column "premi"): expected a value, not an Excel error"#))
        let sheet = try TolokProcess.run(["run", "dea", "--data", Self.fixture("typed.xlsx"), "--sheet", "nope", "--id", "id", "--inputs", "x", "--outputs", "y"])
        #expect(sheet.status == 2)
        #expect(sheet.stderr.contains(#"expected a sheet named "nope"; the workbook has: "premiums", "second""#))
        let csvSheet = try TolokProcess.run(["run", "dea", "--data", TolokProcess.dataset("cst_hospitals_12.csv"), "--sheet", "x"] + dea)
        #expect(csvSheet.status == 2)
        #expect(csvSheet.stderr.contains("--sheet x is for an .xlsx workbook"))
        let xls = try folder.file("old.xls", "not really")
        let old = try TolokProcess.run(["run", "dea", "--data", xls] + dea)
        #expect(old.status == 2)
        #expect(old.stderr.contains("save it as .xlsx (Excel Workbook) or CSV"))
    }

    @Test func columnsSortAndDigitsShapeTheTable() throws {
        let csv = try TolokProcess.run(["run", "dea", "--data", TolokProcess.dataset("cst_hospitals_12.csv")] + dea
            + ["--format", "csv", "--columns", "efficiency,id", "--sort", "efficiency", "--digits", "3"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "efficiency,id")
        #expect(lines[1] == "0.799,H")           // the least efficient first
        #expect(lines.count == 13)
        let desc = try TolokProcess.run(["run", "dea", "--data", TolokProcess.dataset("cst_hospitals_12.csv")] + dea
            + ["--format", "csv", "--columns", "id,efficiency", "--sort", "efficiency:desc"])
        #expect(desc.stdout.split(separator: "\n").last?.hasPrefix("H,0.79") == true)
        let table = try TolokProcess.run(["run", "dea", "--data", TolokProcess.dataset("cst_hospitals_12.csv")] + dea + ["--columns", "id,efficiency", "--digits", "2"])
        #expect(table.stdout.contains("H         0.80\n") || table.stdout.contains("H        0.80\n"))
        let unknown = try TolokProcess.run(["run", "dea", "--data", TolokProcess.dataset("cst_hospitals_12.csv")] + dea + ["--columns", "id,nope"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains(#"--columns: no column "nope" in table units; its columns: id, status, efficiency"#))
        let wrongFormat = try TolokProcess.run(["run", "dea", "--data", TolokProcess.dataset("cst_hospitals_12.csv")] + dea + ["--format", "json", "--sort", "id"])
        #expect(wrongFormat.status == 2)
        #expect(wrongFormat.stderr.contains("--sort shape table and csv output, not --format json"))
    }

    @Test func indonesianCSVForExcel() throws {
        let out = try TolokProcess.run(["run", "branch-comparison", "--data", TolokProcess.dataset("branches/branches_2025.csv"),
                                        "--format", "csv", "--locale", "id", "--columns", "id,efficiency,peers,underwriting_result,combined_ratio"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.hasPrefix("\u{FEFF}id;efficiency;peers;underwriting_result;combined_ratio\r\n"))
        // Jakarta Pusat is efficient: its peers cell is "—" in the table, empty here; money with a decimal comma.
        #expect(out.stdout.contains("\r\nJakarta Pusat;0,9999999999999963;;1921,84;0,5587333076174207\r\n"))
        let json = try TolokProcess.run(["run", "branch-comparison", "--data", TolokProcess.dataset("branches/branches_2025.csv"), "--locale", "id"])
        #expect(json.status == 2)
        #expect(json.stderr.contains("--locale id is for csv output"))
    }
}
