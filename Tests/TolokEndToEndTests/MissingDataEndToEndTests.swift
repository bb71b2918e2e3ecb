import Foundation
import Testing

/// Rows with an empty or `NA` cell in a model column (docs/OUTPUT.md, "Missing values"):
/// status missing_data, left out of the reference set or estimation, listed in the notes;
/// `--missing error` refuses them with a located error.
@Suite struct MissingDataEndToEndTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    struct Case: Sendable, CustomStringConvertible {
        var file: String
        var arguments: [String]
        /// (data row 0-based, column) cells to blank.
        var blanks: [(Int, String)]
        var description: String { "\(arguments.prefix(1).joined()) \(arguments.dropFirst().joined(separator: " "))" }
    }

    static let hospitals = ["--id", "dmu", "--inputs", "x1_doctors,x2_nurses", "--outputs", "y1_outpatients,y2_inpatients"]
    static let kaoHwang = ["--id", "dmu", "--inputs", "x1_operation_expenses,x2_insurance_expenses",
                           "--intermediates", "z1_direct_written_premiums,z2_reinsurance_premiums",
                           "--outputs", "y1_underwriting_profit,y2_investment_profit"]
    static let cases: [Case] = [
        Case(file: "cst_hospitals_12.csv", arguments: ["dea"] + hospitals, blanks: [(2, "x2_nurses"), (6, "y1_outpatients")]),
        Case(file: "cst_hospitals_12.csv", arguments: ["dea"] + hospitals + ["--rts", "vrs", "--orientation", "output", "--scale"], blanks: [(0, "x1_doctors"), (11, "y2_inpatients")]),
        Case(file: "cst_hospitals_12.csv", arguments: ["dea"] + hospitals + ["--model", "sbm", "--rts", "vrs"], blanks: [(4, "x1_doctors")]),
        Case(file: "cst_hospitals_12.csv", arguments: ["dea"] + hospitals + ["--model", "additive"], blanks: [(5, "x1_doctors")]),
        Case(file: "cst_hospitals_12.csv", arguments: ["dea"] + hospitals + ["--super", "--peer-counts"], blanks: [(1, "y2_inpatients")]),
        Case(file: "kao_hwang_2008.csv", arguments: ["two-stage-dea"] + kaoHwang + ["--method", "relational"], blanks: [(3, "z1_direct_written_premiums"), (10, "x1_operation_expenses")]),
        Case(file: "front41Data.csv", arguments: ["ols", "--id", "firm", "--y", "output", "--x", "capital,labour", "--log"], blanks: [(4, "capital"), (20, "output")]),
        Case(file: "front41Data.csv", arguments: ["sfa", "--id", "firm", "--y", "output", "--x", "capital,labour", "--log"], blanks: [(7, "labour")]),
    ]

    /// Writes the file with the cells blanked (`NA` for the first, empty for the others) and the
    /// file without those rows.
    func files(_ c: Case) throws -> (blanked: String, without: String, lines: [Int]) {
        let text = try String(contentsOfFile: TolokProcess.dataset(c.file), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let header = lines[0].split(separator: ",").map(String.init)
        var rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        for (k, (r, column)) in c.blanks.enumerated() { rows[r][header.firstIndex(of: column)!] = k == 0 ? "NA" : "" }
        let blanked = ([lines[0]] + rows.map { $0.joined(separator: ",") }).joined(separator: "\n") + "\n"
        let skipped = Set(c.blanks.map(\.0))
        let without = ([lines[0]] + rows.indices.filter { !skipped.contains($0) }.map { rows[$0].joined(separator: ",") }).joined(separator: "\n") + "\n"
        return (try folder.file("blanked.csv", blanked), try folder.file("without.csv", without), c.blanks.map { $0.0 + 2 })
    }

    static func json(_ arguments: [String]) throws -> [String: Any] {
        let o = try TolokProcess.run(arguments + ["--format", "json"])
        #expect(o.status == 0, "\(o.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(o.stdout.utf8)) as? [String: Any])
    }

    static func same(_ a: Any?, _ b: Any?) -> Bool {
        switch (a, b) {
        case (let x as NSNumber, let y as NSNumber):
            let p = x.doubleValue, q = y.doubleValue
            return p == q || abs(p - q) <= 1e-12 * max(1, abs(p), abs(q))
        case (let x as [Any], let y as [Any]): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (let x as [String: Any], let y as [String: Any]): return Set(x.keys) == Set(y.keys) && x.keys.allSatisfy { same(x[$0], y[$0]) }
        case (is NSNull, is NSNull): return true
        case (let x as String, let y as String): return x == y
        default: return false
        }
    }

    /// The other units' results equal a run on the file without those rows (to 1e-12); the
    /// rows are kept in place with status missing_data and no numbers, and named in the notes.
    @Test(arguments: cases)
    func missingRowsAreLeftOutAndKept(_ c: Case) throws {
        let (blanked, without, lines) = try files(c)
        let plugin = c.arguments[0]
        let got = try Self.json(["run", plugin, "--data", blanked] + c.arguments.dropFirst())
        let want = try Self.json(["run", plugin, "--data", without] + c.arguments.dropFirst())
        let units = try #require(got["units"] as? [[String: Any]])
        let reference = try #require(want["units"] as? [[String: Any]])
        #expect(units.count == reference.count + c.blanks.count)
        let skipped = Set(c.blanks.map(\.0))
        var next = 0
        for (r, row) in units.enumerated() {
            if skipped.contains(r) {
                #expect(row["status"] as? String == "missing_data")
                for (key, value) in row where key != "id" && key != "status" { #expect(value is NSNull, "\(key) of a missing_data unit: \(value)") }
            } else {
                #expect(Self.same(row, reference[next]), "row \(r): \(row) vs \(reference[next])")
                next += 1
            }
        }
        let notes = try #require(got["notes"] as? [String])
        let note = try #require(notes.first { $0.contains("missing data") })
        for ((_, column), line) in zip(c.blanks, lines) { #expect(note.contains("line \(line), column \(column)"), "\(note)") }
        if let summary = got["summary"] as? [String: Any], let count = summary["missing_data_units"] as? Int { #expect(count == c.blanks.count) }
        // Other tables (peers, stages, coefficients) equal the run without the rows.
        for (key, value) in want where key != "units" && key != "notes" && key != "parameters" && key != "summary" {
            #expect(Self.same(got[key], value), "table \(key)")
        }
    }

    @Test func missingErrorRefusesWithALocatedError() throws {
        let (blanked, _, _) = try files(Self.cases[0])
        let o = try TolokProcess.run(["run", "dea", "--data", blanked, "--missing", "error"] + Self.hospitals)
        #expect(o.status == 2)
        #expect(o.stderr.hasPrefix("tolok: ") && o.stderr.contains("line 4 (data row 3), column \"x2_nurses\""), "\(o.stderr)")
        let strict = try TolokProcess.run(["run", "dea", "--data", blanked, "--strict", "--format", "csv"] + Self.hospitals)
        #expect(strict.status == 3 && strict.stderr.contains("missing_data 2"), "\(strict.stderr)")
    }

    @Test func withoutIdTheRowNumbersStay() throws {
        let (blanked, _, _) = try files(Self.cases[0])
        let args = ["--inputs", "x1_doctors,x2_nurses", "--outputs", "y1_outpatients,y2_inpatients", "--format", "csv"]
        // The file's `dmu` column is found by its name (IdAliases): it names every unit, the missing ones too.
        let named = try TolokProcess.run(["run", "dea", "--data", blanked] + args)
        #expect(named.status == 0, "\(named.stderr)")
        let namedIDs = named.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[0] }
        #expect(namedIDs == ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"])
        #expect(named.stdout.split(separator: "\n")[3].hasPrefix("C,missing_data,"))
        // Without such a column, the row numbers stay (the left-out rows keep theirs).
        let text = try String(contentsOfFile: blanked, encoding: .utf8)
        let unnamed = blanked + ".unnamed.csv"
        try text.replacingOccurrences(of: "dmu,", with: "hospital,").write(toFile: unnamed, atomically: true, encoding: .utf8)
        let o = try TolokProcess.run(["run", "dea", "--data", unnamed] + args)
        #expect(o.status == 0, "\(o.stderr)")
        let ids = o.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[0] }
        #expect(ids == (1...12).map { Substring(String($0)) })
        #expect(o.stdout.split(separator: "\n")[3].hasPrefix("3,missing_data,"))
    }
}
