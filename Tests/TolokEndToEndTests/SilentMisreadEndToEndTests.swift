import Foundation
import Testing

/// Issue #10, "never a silent misread", through the built `tolok`: for each case the file, and
/// either the right numbers or exit 2 with one located line that says what to do.
@Suite struct SilentMisreadEndToEndTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    func column(_ csv: String, _ name: String) -> [String] {
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let k = lines.first?.firstIndex(of: name) else { return [] }
        return lines.dropFirst().map { k < $0.count ? $0[k] : "" }
    }

    // MARK: One number format per run

    @Test func bankStatementCreditsAreReadWithTheLedgersDecimalComma() throws {
        // The statement's credits (250.000, 600.000) decide nothing alone; the ledger of the same
        // run is decimal comma (10.000.000,00): 250000 + 600000, not 250.00 + 600.00.
        let statements = try folder.file("statements.csv", """
            bank;nama debitur;no rekening;tanggal;keterangan;debet;kredit;baki debet;user id
            Bank Penyalur;Ade Putra Agung;0012345678;20/03/2023;setoran debitur;;250.000;0;7199051
            Bank Penyalur;Ade Putra Agung;0012345678;18/07/2023;setoran debitur;;600.000;0;7199051

            """)
        let ledger = TolokProcess.dataset("insurance/recoveries_seed004_ledger.csv")
        let splits = TolokProcess.dataset("insurance/recoveries_seed004_splits.csv")
        let o = try TolokProcess.run(["run", "recoveries", "--data", ledger, "--statements", statements, "--splits", splits, "--format", "csv"])
        #expect(o.status == 0, "\(o.stderr)")
        #expect(column(o.stdout, "gross_recoveries") == ["850000.00"], "\(o.stdout)")
        let json = try TolokProcess.run(["run", "recoveries", "--data", ledger, "--statements", statements, "--splits", splits, "--format", "json"])
        #expect(json.stdout.contains("statements.csv: column \\\"kredit\\\" read with a decimal comma (\\\"250.000\\\" is 250000), as column \\\"klaim dibayar\\\" of \(ledger) has \\\"10.000.000,00\\\" on line 2 shows"), "\(json.stdout)")
        // The statement alone decides nothing: with a ledger that shows no decimal comma either, refused.
        let plainLedger = try folder.file("ledger.csv", """
            bank;unit;nama debitur;no rekening;klaim dibayar;tanggal stgr;saldo shs
            Bank Penyalur;KCP Contoh;Ade Putra Agung;0012345678;10000000;15/01/2023;10000000

            """)
        let refused = try TolokProcess.run(["run", "recoveries", "--data", plainLedger, "--statements", statements, "--splits", splits])
        #expect(refused.status == 2)
        #expect(refused.stderr == "tolok: \(statements): line 2 (data row 1), column \"kredit\": expected a number with one reading: it is 250 with a decimal point and 250000 with a decimal comma, and no other cell of the run decides; pass --decimal-point or --decimal-comma, got \"250.000\"\n")
    }

    @Test func rupiahCreditsFollowTheRunToo() throws {
        // `Rp 250.000` credits (text with a currency mark) decide nothing alone either.
        let statements = try folder.file("rp.csv", """
            bank;nama debitur;no rekening;tanggal;keterangan;debet;kredit;baki debet;user id
            Bank Penyalur;Ade Putra Agung;0012345678;20/03/2023;setoran debitur;;Rp 250.000;0;7199051
            Bank Penyalur;Ade Putra Agung;0012345678;18/07/2023;setoran debitur;;Rp 600.000;0;7199051

            """)
        let ledger = TolokProcess.dataset("insurance/recoveries_seed004_ledger.csv")
        let splits = TolokProcess.dataset("insurance/recoveries_seed004_splits.csv")
        let o = try TolokProcess.run(["run", "recoveries", "--data", ledger, "--statements", statements, "--splits", splits, "--format", "csv"])
        #expect(o.status == 0, "\(o.stderr)")
        #expect(column(o.stdout, "gross_recoveries") == ["850000.00"], "\(o.stdout)")
    }

    @Test func conflictingFilesAreRefusedNamingBoth() throws {
        // dea --reference: the data shows decimal points, the reference decimal commas, and x has
        // cells that read either way.
        let data = try folder.file("d.csv", "id;x;y\nA;1.020;2.5\nB;850;3.5\n")
        let reference = try folder.file("r.csv", "id;x;y\nR;12,5;2\nS;13,5;3\n")
        let o = try TolokProcess.run(["run", "dea", "--data", data, "--id", "id", "--inputs", "x", "--outputs", "y", "--reference", reference])
        #expect(o.status == 2)
        #expect(o.stderr == "tolok: \(data): line 2 (data row 1), column \"x\": expected a number with one reading: it is 1.02 with a decimal point and 1020 with a decimal comma, and the run shows both decimal commas (column \"x\" of \(reference) has \"12,5\" on line 2) and decimal points (column \"y\" has \"2.5\" on line 2); pass --decimal-point or --decimal-comma, got \"1.020\"\n")
    }

    @Test func thousandsSeparatorsAreRead() throws {
        // 11.988.130 (thousands dots) and "1,250,000.00" (English thousands) are the numbers they say.
        let f = try folder.file("t.csv", "id,x,y\nA,11.988.130,\"1,250,000.00\"\nB,5.000.000,\"2,500,000.00\"\nC,8.000.000,\"1,000,000.00\"\n")
        let o = try TolokProcess.run(["run", "dea", "--data", f, "--id", "id", "--inputs", "x", "--outputs", "y", "--format", "csv"])
        #expect(o.status == 0, "\(o.stderr)")
        #expect(column(o.stdout, "target_x").count == 3)
        let ratioA: Double = 1_250_000 / 11_988_130, best: Double = 2_500_000 / 5_000_000
        let efficiencies = column(o.stdout, "efficiency").compactMap(Double.init)
        #expect(efficiencies.count == 3 && abs(efficiencies[0] - ratioA / best) < 1e-9 && abs(efficiencies[1] - 1) < 1e-9, "\(o.stdout)")
    }

    // MARK: Total rows

    @Test func aTotalRowIsRefusedUnlessKept() throws {
        let f = try folder.file("branches.csv", "branch,staff,cost,premium\nA,10,100,50\nB,20,300,70\nC,30,200,90\nTOTAL,60,600,210\n")
        let args = ["run", "dea", "--data", f, "--id", "branch", "--inputs", "staff,cost", "--outputs", "premium", "--format", "csv"]
        let o = try TolokProcess.run(args)
        #expect(o.status == 2)
        #expect(o.stderr == "tolok: \(f): line 5 (data row 4), column \"branch\": expected a unit's row, not a total or subtotal row (\"TOTAL\" names a total); remove the row or pass --keep-total-rows, got \"TOTAL\"\n")
        let kept = try TolokProcess.run(args + ["--keep-total-rows"])
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(column(kept.stdout, "id") == ["A", "B", "C", "TOTAL"])
        let json = try TolokProcess.run(args.dropLast(2) + ["--keep-total-rows", "--format", "json"])
        #expect(json.stdout.contains("\"keep-total-rows\":true"), "\(json.stdout.prefix(300))")
        // Without the TOTAL row the numbers are those of the three branches.
        let clean = try folder.file("clean.csv", "branch,staff,cost,premium\nA,10,100,50\nB,20,300,70\nC,30,200,90\n")
        #expect(try TolokProcess.run(["run", "dea", "--data", clean, "--id", "branch", "--inputs", "staff,cost", "--outputs", "premium"]).status == 0)
    }

    @Test func aTotalRowBelowTheBranchReportIsRefused() throws {
        // The case: a TOTAL row in a branch file would be an efficient "branch", a peer of
        // the others, doubling the company total.
        let text = try String(contentsOfFile: TolokProcess.dataset("branches/branches_2025.csv"), encoding: .utf8)
        let f = try folder.file("branches_total.csv", text + "TOTAL,1845,405661.19,151388.98,36498.34,24801.09,9050.15,98756.43,22281.12,42034.87,42122.99,14975.28,15084.76,8748.84,2053.46\n")
        let o = try TolokProcess.run(["run", "branch-comparison", "--data", f])
        #expect(o.status == 2)
        #expect(o.stderr == "tolok: \(f): line 26 (data row 25), column \"branch\": expected a unit's row, not a total or subtotal row (\"TOTAL\" names a total); remove the row or pass --keep-total-rows, got \"TOTAL\"\n")
    }

    @Test func subtotalLabelsAndSumRowsAreRefused() throws {
        let sub = try folder.file("sub.csv", "cabang;staff;cost;premium\nA;10;100;50\nSubtotal Jawa;10;100;50\nB;20;300;70\nC;30;200;90\n")
        let o = try TolokProcess.run(["run", "dea", "--data", sub, "--id", "cabang", "--inputs", "staff,cost", "--outputs", "premium"])
        #expect(o.status == 2)
        #expect(o.stderr == "tolok: \(sub): line 3 (data row 2), column \"cabang\": expected a unit's row, not a total or subtotal row (\"Subtotal Jawa\" names a total); remove the row or pass --keep-total-rows, got \"Subtotal Jawa\"\n")
        // A last row whose every model column is the sum of the other rows, whatever its name (four rows or more).
        let sums = try folder.file("sums.csv", "branch,staff,cost,premium\nA,10,100.5,50\nB,20,300.25,70\nC,30,200,90\nD,5,50,10\nSemua,65,650.75,220\n")
        let s = try TolokProcess.run(["run", "dea", "--data", sums, "--id", "branch", "--inputs", "staff,cost", "--outputs", "premium"])
        #expect(s.status == 2)
        #expect(s.stderr == "tolok: \(sums): line 6 (data row 5): expected a unit's row, not a total row (its \"staff\", \"cost\", \"premium\" are the sums of the other rows); remove the row or pass --keep-total-rows\n")
    }

    // MARK: Empty rows, encodings

    @Test func excelsTrailingAndMiddleEmptyRowsAreSkipped() throws {
        let f = try folder.file("e.csv", "id;x;y\nA;2;1\n;;\nB;4;4\n;;\n;;\n  ;  ;\n")
        let o = try TolokProcess.run(["run", "dea", "--data", f, "--id", "id", "--inputs", "x", "--outputs", "y", "--format", "csv"])
        #expect(o.status == 0, "\(o.stderr)")
        #expect(column(o.stdout, "id") == ["A", "B"])
        #expect(column(o.stdout, "efficiency") == ["0.5", "1"])
        // Errors still name the physical line (B is on line 4).
        let bad = try folder.file("b.csv", "id;x;y\nA;2;1\n;;\nB;-4;4\n;;\n")
        let e = try TolokProcess.run(["run", "dea", "--data", bad, "--id", "id", "--inputs", "x", "--outputs", "y"])
        #expect(e.status == 2 && e.stderr == "tolok: \(bad): line 4 (data row 2), column \"x\": expected a non-negative number, got \"-4\"\n", "\(e.stderr)")
    }

    // MARK: Id columns found by name

    @Test func theIdColumnIsFoundByItsName() throws {
        let f = try folder.file("c.csv", "Kantor Cabang,x,y\nMedan,2,1\nPadang,4,4\n")
        let o = try TolokProcess.run(["run", "dea", "--data", f, "--inputs", "x", "--outputs", "y"])
        #expect(o.status == 0, "\(o.stderr)")
        #expect(o.stdout.contains("Medan") && o.stdout.contains("id column: Kantor Cabang (found by name; pass --id to choose another)"), "\(o.stdout)")
        // Two candidates: refused, naming both and --id.
        let two = try folder.file("two.csv", "dmu,name,x,y\nD1,Medan,2,1\nD2,Padang,4,4\n")
        let r = try TolokProcess.run(["run", "dea", "--data", two, "--inputs", "x", "--outputs", "y"])
        #expect(r.status == 2)
        #expect(r.stderr == "tolok: \(two): column \"dmu\": expected one id column, found \"dmu\" and \"name\" (choose one with --id COLUMN)\n")
        #expect(try TolokProcess.run(["run", "dea", "--data", two, "--id", "name", "--inputs", "x", "--outputs", "y"]).stdout.contains("Medan"))
        // A name column whose cells repeat is not an id: the rows are numbered.
        let loans = try folder.file("l.csv", "branch,x,y\nMedan,2,1\nMedan,4,4\n")
        let n = try TolokProcess.run(["run", "dea", "--data", loans, "--inputs", "x", "--outputs", "y", "--format", "csv"])
        #expect(n.status == 0 && column(n.stdout, "id") == ["1", "2"], "\(n.stdout)\(n.stderr)")
    }

    // MARK: --output

    @Test func anOutputFolderIsAUsageErrorBeforeAnyWork() throws {
        // The data file does not even exist: the --output error comes first.
        let missing = folder.path("missing.csv")
        for output in [folder.url.path, folder.url.path + "/", folder.path("new-folder") + "/"] {
            let o = try TolokProcess.run(["run", "dea", "--data", missing, "--inputs", "x", "--outputs", "y", "--output", output])
            #expect(o.status == 2)
            #expect(o.stderr.hasPrefix("tolok: cannot write \(output): it is a folder; give a file name") && o.stderr.split(separator: "\n").count == 1, "\(o.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path("new-folder")))
        let nowhere = try TolokProcess.run(["run", "dea", "--data", missing, "--inputs", "x", "--outputs", "y", "--output", folder.path("no/such/out.csv")])
        #expect(nowhere.status == 2 && nowhere.stderr.contains("does not exist"), "\(nowhere.stderr)")
    }
}
