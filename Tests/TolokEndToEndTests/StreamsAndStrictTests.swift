import Foundation
import XCTest

/// `--data -` (standard input), `--output -` (standard output) and `--strict` (exit 3 when a unit
/// or fit is not ok, after the output is written in full).
final class StreamsAndStrictTests: XCTestCase {
    let plants = ["--id", "dmu", "--inputs", "x1_manpower,x2_construction_cost,x3_maintenance_cost,x4_villages_evacuated",
                  "--outputs", "y1_power_mw,y2_safety_level", "--rts", "vrs", "--super", "--format", "csv"]

    func testStandardInputGivesTheSameBytesAsTheFile() throws {
        let path = TolokProcess.dataset("power_plants_6.csv")
        let fromFile = try TolokProcess.run(["run", "dea", "--data", path] + plants)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let fromStdin = try TolokProcess.run(["run", "dea", "--data", "-", "--output", "-"] + plants, input: text)
        XCTAssertEqual(fromFile.status, 0, fromFile.stderr)
        XCTAssertEqual(fromStdin.status, 0, fromStdin.stderr)
        XCTAssertEqual(fromStdin.stdout, fromFile.stdout)
        XCTAssertTrue(fromStdin.stdout.hasPrefix("id,status,efficiency"))
    }

    func testBadStandardInputIsLocatedAsStandardInput() throws {
        let r = try TolokProcess.run(["run", "dea", "--data", "-", "--inputs", "x", "--outputs", "y"], input: "x,y\n1,abc\n")
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.hasPrefix("tolok: standard input: line 2"), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
    }

    func testStandardInputCanBeReadOnce() throws {
        let r = try TolokProcess.run(["run", "recoveries", "--data", "-", "--statements", "-",
                                      "--splits", TolokProcess.dataset("insurance/recoveries_splits.csv")], input: "a\n1\n")
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("--data and --statements both read standard input"), r.stderr)
    }

    func testStrictExitsThreeAfterWritingEverything() throws {
        let folder = try TemporaryFolder()
        let out = folder.path("plants.csv")
        let r = try TolokProcess.run(["run", "dea", "--data", TolokProcess.dataset("power_plants_6.csv"), "--output", out, "--strict"] + plants)
        XCTAssertEqual(r.status, 3, r.stderr)
        XCTAssertEqual(r.stderr, "tolok: --strict: 2 of 6 rows are not ok (infeasible 2); the output was written\n")
        let written = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertEqual(written.split(separator: "\n").count, 7)
        // Without --strict the same run succeeds.
        XCTAssertEqual(try TolokProcess.run(["run", "dea", "--data", TolokProcess.dataset("power_plants_6.csv"), "--output", out] + plants).status, 0)
    }

    func testStrictPassesWhenEveryUnitIsOK() throws {
        let r = try TolokProcess.run(["run", "dea", "--data", TolokProcess.dataset("cst_hospitals_12.csv"), "--id", "dmu",
                                      "--inputs", "x1_doctors,x2_nurses", "--outputs", "y1_outpatients,y2_inpatients", "--strict"])
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    func testStrictSeesAFitThatDidNotConverge() throws {
        // y = x exactly: no one-sided error to find, the fit reports not_converged on every unit.
        let folder = try TemporaryFolder()
        var rows = "y,x\n"
        for k in 1...12 { rows += "\(k),\(k)\n" }
        let data = try folder.file("flat.csv", rows)
        let plain = try TolokProcess.run(["run", "sfa", "--data", data, "--y", "y", "--x", "x", "--format", "csv"])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertTrue(plain.stdout.contains("\n1,not_converged,"), plain.stdout)
        let strict = try TolokProcess.run(["run", "sfa", "--data", data, "--y", "y", "--x", "x", "--format", "csv", "--strict"])
        XCTAssertEqual(strict.status, 3, strict.stderr)
        XCTAssertEqual(strict.stdout, plain.stdout)
        XCTAssertEqual(strict.stderr, "tolok: --strict: 12 of 12 rows are not ok (not_converged 12); the output was written\n")
    }

    func testProcessSubstitutionReads() throws {
        // A pipe path (/dev/fd/N) is read like a file.
        let r = try TolokProcess.run(["-c", "\(TolokProcess.executable.path) run dea --data <(cat \(TolokProcess.dataset("cst_hospitals_12.csv"))) --id dmu --inputs x1_doctors,x2_nurses --outputs y1_outpatients,y2_inpatients --format csv"],
                                     shell: true)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("id,status,efficiency"), r.stdout)
    }

    func testSummaryAsATableForCSV() throws {
        let args = ["run", "dea", "--data", TolokProcess.dataset("cst_hospitals_12.csv"), "--id", "dmu",
                    "--inputs", "x1_doctors,x2_nurses", "--outputs", "y1_outpatients,y2_inpatients", "--table", "summary"]
        let csv = try TolokProcess.run(args + ["--format", "csv"])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let lines = csv.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "name,value")
        XCTAssertTrue(lines.contains("units,12"), csv.stdout)
        XCTAssertTrue(lines.contains("efficient_units,3"), csv.stdout)
        // The same values as the JSON summary.
        let json = try TolokProcess.run(Array(args.dropLast(2)) + ["--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let summary = object["summary"] as! [String: Any]
        XCTAssertEqual(lines.count - 1, summary.count)
        let mean = lines.first { $0.hasPrefix("mean_efficiency,") }!.split(separator: ",")[1]
        XCTAssertEqual(Double(mean)!, summary["mean_efficiency"] as! Double, accuracy: 1e-15)
        let unknown = try TolokProcess.run(Array(args.dropLast()) + ["nope"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("tables: units, pairs, peers, frontier, bootstrap, rts_test, cross_efficiency, summary"), unknown.stderr)
    }
}
