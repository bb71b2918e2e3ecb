import Foundation
import Testing
import TolokCore

/// A seeded corpus of hostile inputs over every built-in plugin: each case mutates a bundled
/// dataset (or an option value), runs the built `tolok` with `--format csv --output FILE` in a
/// temporary folder, and checks the exit contract:
///
/// - the process exits (no signal, no hang: killed after 20 s is a failure) with 0, 1 or 2;
/// - on 1 or 2: exactly one line on stderr, starting `tolok: `, and no output file;
/// - on 0: the output file parses as CSV, and in a table with a `status` column every row whose
///   status is `ok` has, in the plugin's score column (``PluginCase/score``, the first numeric
///   column a reader would take as the result: efficiency, fitted value, ratio), a non-empty
///   finite number; no cell of the file is `nan`/`inf`.
///
/// The cases are generated here from a fixed seed, not committed as files; every case must hold.
@Suite(.serialized) struct HostileInputCorpusTests {
    /// SplitMix64 (Steele, Lea & Flood 2014): small, fast and the same on every platform.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// One plugin's valid invocation; `data` is the file the mutations rewrite.
    struct PluginCase {
        var plugin: String
        var data: String
        var arguments: [String]
        /// The score column of `ok` rows (nil: the first table has no per-unit status).
        var score: String?
        /// Numeric options and hostile values for them.
        var numericOptions: [String]
    }

    static let plugins: [PluginCase] = [
        .init(plugin: "dea", data: "cst_hospitals_12.csv",
              arguments: ["--id", "dmu", "--inputs", "x1_doctors,x2_nurses", "--outputs", "y1_outpatients,y2_inpatients", "--rts", "vrs"],
              score: "efficiency", numericOptions: []),
        .init(plugin: "dea-second-stage", data: "sw2007_synthetic_100.csv",
              arguments: ["--id", "unit", "--inputs", "x", "--outputs", "y", "--environment", "z1,z2", "--orientation", "output",
                          "--replicates", "40", "--first-replicates", "5"],
              score: "estimate", numericOptions: ["--replicates"]),
        .init(plugin: "two-stage-dea", data: "kao_hwang_2008.csv",
              arguments: ["--id", "dmu", "--inputs", "x1_operation_expenses,x2_insurance_expenses",
                          "--intermediates", "z1_direct_written_premiums,z2_reinsurance_premiums",
                          "--outputs", "y1_underwriting_profit,y2_investment_profit"],
              score: "overall", numericOptions: []),
        .init(plugin: "ols", data: "front41Data.csv", arguments: ["--id", "firm", "--y", "output", "--x", "capital,labour", "--log"],
              score: "fitted", numericOptions: ["--degree"]),
        .init(plugin: "sfa", data: "front41_eg1_logs.csv", arguments: ["--id", "firm", "--y", "ly", "--x", "lk,ll"],
              score: "efficiency", numericOptions: []),
        .init(plugin: "branch-comparison", data: "branches/branches_2025.csv", arguments: [], score: "efficiency", numericOptions: []),
        .init(plugin: "underwriting", data: "insurance/underwriting_seed003.csv", arguments: [], score: "underwriting_result", numericOptions: ["--reserve-floor"]),
        .init(plugin: "risk-placement", data: "insurance/risk_placement_seed003.csv", arguments: ["--id", "risk"], score: "gross_premium", numericOptions: ["--max-retention"]),
        .init(plugin: "recoveries", data: "insurance/recoveries_ledger.csv",
              arguments: ["--statements", "STATEMENTS", "--splits", "SPLITS"], score: "recoveries", numericOptions: []),
        .init(plugin: "contributions", data: "insurance/contributions_bills.csv", arguments: ["--id", "bill", "--as-of", "2024-03-31"],
              score: "outstanding", numericOptions: ["--target"]),
        .init(plugin: "coverage", data: "insurance/coverage_seed002.csv", arguments: ["--target", "0.98"], score: "coverage_ratio",
              numericOptions: ["--target"]),
        .init(plugin: "loan-collectibility", data: "insurance/loans.csv", arguments: ["--id", "loan", "--group-by", "branch"],
              score: "outstanding", numericOptions: []),
        .init(plugin: "ratios", data: "cst_hospitals_12.csv",
              arguments: ["--id", "dmu", "--inputs", "x1_doctors,x2_nurses", "--outputs", "y1_outpatients,y2_inpatients"],
              score: "y1_outpatients_per_x1_doctors", numericOptions: []),
    ]

    enum Mutation: String, CaseIterable {
        case raggedShort, raggedLong, unterminatedQuote, nulInCell, nulInHeader, invalidUTF8Cell, invalidUTF8Header
        case bomTwice, bomBeforeName, crOnly, hugeCell, hugeHeader, quotedNewlineInNumber, extremeNumber, extremeColumn
        case dateParts, allEqualColumn, zeroColumn, singleRow, headerOnly, excelEmptyRows, decimalCommaCell, optionValue
    }

    struct Case {
        var index: Int
        var plugin: PluginCase
        var mutation: Mutation
        var detail: String
        var file: [UInt8]
        var arguments: [String]
        var label: String { "#\(index) \(plugin.plugin) \(mutation.rawValue) \(detail)" }
    }

    static let extremeNumbers = ["1e308", "-1e308", "1.7976931348623157e308", "1e-308", "5e-324", "-0", "NaN", "Inf", "-Inf",
                                 "99999999999999999999999999999999", "-99999999999999999999999999999999", "1e400", "0", "-1"]
    static let hostileOptionValues = ["1e-300", "-1", "1e300", "nan", "inf", "0", "-0", "99999999999999999999999999999999"]

    /// A quote-aware split of one line (enough for the bundled files).
    static func split(_ line: String, _ sep: Character) -> [String] {
        var out: [String] = [], field = "", quoted = false
        for ch in line {
            if ch == "\"" { quoted.toggle() }
            if ch == sep && !quoted { out.append(field); field = "" } else { field.append(ch) }
        }
        out.append(field)
        return out
    }

    static func generate(seed: UInt64, perPlugin: Int) throws -> [Case] {
        var rng = SplitMix(state: seed)
        var cases: [Case] = []
        for p in plugins {
            let text = try String(contentsOfFile: TolokProcess.dataset(p.data), encoding: .utf8)
            let sep: Character = text.prefix { $0 != "\n" }.contains(";") ? ";" : ","
            let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { split(String($0), sep) }
            let header = lines[0], rows = Array(lines.dropFirst())
            let numericColumns = header.indices.filter { k in rows.allSatisfy { $0.indices.contains(k) && Double($0[k]) != nil } }
            let dateColumns = header.indices.filter { k in rows.contains { $0.indices.contains(k) && ($0[k].contains("-") || $0[k].contains("/")) && $0[k].first?.isNumber == true } }
            func join(_ table: [[String]]) -> [UInt8] { Array(table.map { $0.joined(separator: String(sep)) }.joined(separator: "\n").utf8) + [0x0A] }
            for n in 0..<perPlugin {
                let mutation = Mutation.allCases[n % Mutation.allCases.count]
                var table = [header] + rows
                let r = Int.random(in: 1...rows.count, using: &rng)
                let k = Int.random(in: 0..<header.count, using: &rng)
                let nk = numericColumns.randomElement(using: &rng) ?? k
                var detail = ""
                var bytes: [UInt8]
                var arguments = p.arguments
                switch mutation {
                case .raggedShort: table[r].removeLast(); detail = "row \(r)"; bytes = join(table)
                case .raggedLong: table[r].append("1"); detail = "row \(r)"; bytes = join(table)
                case .unterminatedQuote: table[r][k] = "\"" + table[r][k]; detail = "row \(r) col \(k)"; bytes = join(table)
                case .nulInCell: table[r][nk] += "\u{0}"; detail = "row \(r) col \(nk)"; bytes = join(table)
                case .nulInHeader: table[0][k] += "\u{0}"; detail = "col \(k)"; bytes = join(table)
                case .invalidUTF8Cell, .invalidUTF8Header:
                    let row = mutation == .invalidUTF8Header ? 0 : r
                    table[row][k] += "\u{1}"  // a marker replaced by a lone 0xE9 (Latin-1 é)
                    bytes = join(table).map { $0 == 0x01 ? 0xE9 : $0 }
                    detail = "row \(row) col \(k)"
                case .bomTwice: bytes = [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + join(table)
                case .bomBeforeName: table[0][k] = "\u{FEFF}" + table[0][k]; detail = "col \(k)"; bytes = join(table)
                case .crOnly: bytes = join(table).map { $0 == 0x0A ? 0x0D : $0 }
                case .hugeCell:
                    table[r][nk] = Bool.random(using: &rng) ? String(repeating: "9", count: 1 << 20) : String(repeating: "x", count: 1 << 20)
                    detail = "row \(r) col \(nk)"; bytes = join(table)
                case .hugeHeader: table[0][k] = String(repeating: "h", count: 1 << 20); detail = "col \(k)"; bytes = join(table)
                case .quotedNewlineInNumber: table[r][nk] = "\"1\n2\""; detail = "row \(r) col \(nk)"; bytes = join(table)
                case .extremeNumber:
                    let v = extremeNumbers.randomElement(using: &rng)!
                    table[r][nk] = v; detail = "row \(r) col \(nk) = \(v)"; bytes = join(table)
                case .extremeColumn:
                    let v = extremeNumbers.randomElement(using: &rng)!
                    for i in 1..<table.count { table[i][nk] = v }
                    detail = "col \(nk) = \(v)"; bytes = join(table)
                case .dateParts:
                    let v = ["99999999999999999999-01-01", "2024-99999999999999999999-01", "01/01/99999999999999999999", "2024-13-45", "0000-00-00"]
                        .randomElement(using: &rng)!
                    let dk = dateColumns.randomElement(using: &rng) ?? nk
                    table[r][dk] = v; detail = "row \(r) col \(dk) = \(v)"; bytes = join(table)
                case .allEqualColumn:
                    for i in 1..<table.count { table[i][nk] = table[1][nk] }
                    detail = "col \(nk)"; bytes = join(table)
                case .zeroColumn:
                    for i in 1..<table.count { table[i][nk] = "0" }
                    detail = "col \(nk)"; bytes = join(table)
                case .singleRow: bytes = join([header, rows[r - 1]]); detail = "row \(r)"
                case .headerOnly: bytes = join([header])
                case .excelEmptyRows:
                    bytes = join(table) + Array((String(repeating: String(sep), count: header.count - 1) + "\n").utf8) + Array((String(repeating: String(sep), count: header.count - 1) + "\r\n").utf8)
                case .decimalCommaCell:
                    let cell = table[r][nk]
                    table[r][nk] = sep == ";" ? cell.replacingOccurrences(of: ".", with: ",") + (cell.contains(".") ? "" : ",5") : "\"1.000,5\""
                    detail = "row \(r) col \(nk) = \(table[r][nk])"; bytes = join(table)
                case .optionValue:
                    bytes = join(table)
                    if let option = p.numericOptions.randomElement(using: &rng) {
                        let v = hostileOptionValues.randomElement(using: &rng)!
                        if let i = arguments.firstIndex(of: option) { arguments[i + 1] = v } else { arguments += [option, v] }
                        detail = "\(option) \(v)"
                    } else {
                        // No numeric option: an empty column name instead.
                        if let i = arguments.firstIndex(where: { $0.hasPrefix("--") && $0 != "--id" }), i + 1 < arguments.count {
                            arguments[i + 1] = ","; detail = "\(arguments[i]) ,"
                        }
                    }
                }
                cases.append(Case(index: cases.count, plugin: p, mutation: mutation, detail: detail, file: bytes, arguments: arguments))
            }
        }
        return cases
    }

    struct Run {
        var status: Int32
        var signalled: Bool
        var timedOut: Bool
        var stderr: String
        var output: String?
        var seconds: Double
    }

    static func execute(_ c: Case, in folder: URL) throws -> Run {
        let dir = folder.appendingPathComponent("case\(c.index)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let data = dir.appendingPathComponent("data.csv")
        try Data(c.file).write(to: data)
        let out = dir.appendingPathComponent("out.csv")
        let args = c.arguments.map { a -> String in
            switch a {
            case "STATEMENTS": return TolokProcess.dataset("insurance/recoveries_statements.csv")
            case "SPLITS": return TolokProcess.dataset("insurance/recoveries_splits.csv")
            default: return a
            }
        }
        let process = Process()
        process.executableURL = TolokProcess.executable
        process.arguments = ["run", c.plugin.plugin, "--data", data.path] + args + ["--format", "csv", "--output", out.path]
        process.currentDirectoryURL = dir
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let err = Pipe()
        process.standardError = err
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        let start = Date()
        try process.run()
        nonisolated(unsafe) var errData = Data()
        let reader = DispatchGroup()
        reader.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); reader.leave() }
        var timedOut = false
        if done.wait(timeout: .now() + 20) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            done.wait()
        }
        reader.wait()
        let output = FileManager.default.fileExists(atPath: out.path) ? (try? String(contentsOf: out, encoding: .utf8)) ?? "<not UTF-8>" : nil
        try? FileManager.default.removeItem(at: dir)
        return Run(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal, timedOut: timedOut,
                   stderr: String(decoding: errData, as: UTF8.self), output: output, seconds: Date().timeIntervalSince(start))
    }

    /// The contract violations of one run (empty when it holds).
    static func violations(_ c: Case, _ run: Run) -> [String] {
        var problems: [String] = []
        if run.timedOut { return ["hang: killed after 20 s"] }
        if run.signalled { return ["killed by signal \(run.status); stderr: \(OutputText.excerpt(run.stderr, limit: 300))"] }
        guard [0, 1, 2].contains(run.status) else { return ["exit status \(run.status)"] }
        if run.status != 0 {
            let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false)
            let body = run.stderr.hasSuffix("\n") ? lines.dropLast() : lines[...]
            if body.count != 1 { problems.append("\(body.count) stderr lines: \(OutputText.excerpt(run.stderr, limit: 300))") }
            if !run.stderr.hasPrefix("tolok: ") { problems.append("stderr does not start with \"tolok: \": \(OutputText.excerpt(run.stderr, limit: 200))") }
            if run.output != nil { problems.append("an output file was written on exit \(run.status)") }
            return problems
        }
        guard let text = run.output else { return ["exit 0 without an output file"] }
        let table: Dataset
        do { table = try CSVLoader.parse(text: text, source: "output") } catch { return ["output is not CSV: \(error)"] }
        for column in table.columns {
            if let r = column.raw.firstIndex(where: { ["nan", "-nan", "inf", "-inf", "infinity", "-infinity"].contains($0.lowercased()) }) {
                problems.append("non-finite cell \"\(column.raw[r])\" in output column \"\(column.name)\" row \(r + 1)")
            }
        }
        if let score = c.plugin.score, table.hasColumn("status"), let statuses = try? table.texts("status", allowMissing: true) {
            guard let cells = try? table.column(score).raw else { return problems + ["output has no score column \"\(score)\""] }
            for (r, s) in statuses.enumerated() where s == "ok" {
                guard let x = Double(cells[r]), x.isFinite else {
                    problems.append("row \(r + 1) has status ok but \(score) = \"\(cells[r])\"")
                    break
                }
            }
        }
        return problems
    }

    @Test func hostileCorpus() throws {
        let cases = try Self.generate(seed: 0x70_10_4B_11, perPlugin: 26)
        let temporary = try TemporaryFolder()
        let folder = temporary.url
        nonisolated(unsafe) var runs = [Run?](repeating: nil, count: cases.count)
        let lock = NSLock()
        let start = Date()
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            for i in stride(from: worker, to: cases.count, by: 2) {
                let run = (try? Self.execute(cases[i], in: folder))
                    ?? Run(status: -1, signalled: false, timedOut: false, stderr: "could not start tolok", output: nil, seconds: 0)
                lock.lock(); runs[i] = run; lock.unlock()
            }
        }
        var outcomes: [String: Int] = [:]
        for (c, run) in zip(cases, runs.map { $0! }) {
            let key = run.timedOut ? "hang" : run.signalled ? "signal" : "exit \(run.status)"
            outcomes[key, default: 0] += 1
            let problems = Self.violations(c, run)
            guard !problems.isEmpty else { continue }
            Issue.record(Comment(rawValue: c.label + ": " + problems.joined(separator: "; ")))
        }
        _ = temporary
        let summary = outcomes.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        print("hostile corpus: \(cases.count) cases in \(String(format: "%.1f", Date().timeIntervalSince(start))) s; \(summary)")
    }
}
