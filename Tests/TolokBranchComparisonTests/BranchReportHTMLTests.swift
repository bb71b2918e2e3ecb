import Foundation
import Testing
import TolokCore
import TolokTestSupport

/// Structure tests of the HTML report page (issue #12): sections, table row counts, numbers equal
/// to the CSV output to the printed digits, escaping, both languages, 1 / 24 / 200 branches,
/// loss-making and missing-data branches. No pixel comparisons (the browser test is
/// scripts/browser-test.py).
@Suite struct BranchReportHTMLTests {
    static let sets = ["branches/branches_2025.csv", "branches/branches_one.csv", "branches/branches_200.csv",
                       "branches/branches_loss_missing.csv", "branches/branches_no_recovery.csv"]

    func result(_ file: String) throws -> AnalysisResult { try PluginHarness.run("branch-comparison", data: file) }

    /// The cells of `<table data-table="name">`: rows of cell texts (unescaped).
    static func cells(_ html: String, table name: String) throws -> (headers: [String], rows: [[String]]) {
        let open = "<table class=\"data\" data-table=\"\(name)\">"
        let start = try #require(html.range(of: open), "no table \(name)")
        let end = try #require(html.range(of: "</table>", range: start.upperBound..<html.endIndex))
        let body = String(html[start.upperBound..<end.lowerBound])
        let headers = matches(body, #"<th data-column="([^"]*)""#)
        let rows = body.components(separatedBy: "<tr>").dropFirst(2).map { row in
            matches(row, #"<td class="[^"]*">([^<]*)</td>"#).map(unescape)
        }
        return (headers, rows)
    }

    static func matches(_ s: String, _ pattern: String) -> [String] {
        let re = try! NSRegularExpression(pattern: pattern)
        return re.matches(in: s, range: NSRange(s.startIndex..., in: s)).map { String(s[Range($0.range(at: 1), in: s)!]) }
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// A page number back to a Double: separators of the language removed.
    static func number(_ s: String, _ lang: ReportLanguage) -> Double? {
        var t = s.replacingOccurrences(of: " %", with: "")
        if lang == .id { t = t.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".") } else { t = t.replacingOccurrences(of: ",", with: "") }
        return Double(t)
    }

    /// Parses the CSV output of a table (no quoted newlines in these files).
    static func csvRows(_ text: String) -> [[String]] {
        text.split(separator: "\n").map { line in
            var fields: [String] = [], field = "", quoted = false, chars = Array(line), k = 0
            while k < chars.count {
                let c = chars[k]
                if quoted {
                    if c == "\"" { if k + 1 < chars.count && chars[k + 1] == "\"" { field.append("\""); k += 1 } else { quoted = false } } else { field.append(c) }
                } else if c == "\"" { quoted = true } else if c == "," { fields.append(field); field = "" } else { field.append(c) }
                k += 1
            }
            fields.append(field)
            return fields
        }
    }

    @Test(arguments: sets, ReportLanguage.allCases)
    func pageHasEverySectionAndEveryBranch(file: String, lang: ReportLanguage) throws {
        let r = try result(file)
        let html = HTMLRenderer.render(r, language: lang)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<html lang=\"\(lang.rawValue)\">"))
        #expect(!html.contains("<section id=\"notes\""))  // the technical notes, worded in data-quality and method instead
        #expect(!html.contains("Working document"))
        for id in ["summary-words", "ranking", "learn-from", "charts", "data-quality", "method", "summary", "table-units", "references", "parameters"] {
            #expect(html.contains("<section id=\"\(id)\""), "section \(id) in \(file) \(lang)")
        }
        // Self-contained: no script, no external fetch of any kind.
        for forbidden in ["<script", "src=", "href=", "@import", "url(", "<link", "http://www.w3.org/1999", "https://"] {
            #expect(!html.contains(forbidden), "\(forbidden) in \(file)")
        }
        let ids = try #require(r.table("units")?.values(of: "id")).compactMap(\.string)
        let units = try Self.cells(html, table: "units"), ranking = try Self.cells(html, table: "ranking")
        #expect(units.rows.count == ids.count)
        #expect(ranking.rows.count == ids.count)
        #expect(Set(ranking.rows.map { $0[1] }) == Set(ids))
        let inefficient = try #require(r.table("units")?.values(of: "class")).filter { $0 == .text("inefficient") || $0 == .text("weakly_efficient") }.count
        #expect(try Self.cells(html, table: "learn_from").rows.count == inefficient)
        // Charts: efficiency, saving (when there is money to save), peer counts, scatter, waterfall.
        let kinds = Self.matches(html, #"<svg class="chart" data-chart="([^"]*)""#)
        #expect(kinds.filter { $0 == "bars" }.count == 2)
        #expect(kinds.contains("scatter") && kinds.contains("waterfall"))
        #expect(kinds.contains("stacked-bars") == (inefficient > 0))
        // Every number is right-aligned: each cell of a non-text column has the num class (text-align: right).
        let body = html.components(separatedBy: "data-table=\"units\"")[1].components(separatedBy: "</table>")[0]
        let columns = r.table("units")!.columns
        for row in body.components(separatedBy: "<tr>").dropFirst(2) {
            let classes = Self.matches(row, #"<td class="(num|text)"#)
            #expect(classes == columns.map { $0.format == .text || $0.format == .peers ? "text" : "num" })
        }
        #expect(html.contains("th.num, td.num { text-align: right;"))
    }

    @Test(arguments: ReportLanguage.allCases)
    func numbersEqualTheCSVToThePrintedDigits(lang: ReportLanguage) throws {
        let r = try result(Self.sets[0])
        let html = HTMLRenderer.render(r, language: lang)
        let page = try Self.cells(html, table: "units")
        let csv = Self.csvRows(try CSVRenderer.render(r))
        let header = csv[0]
        #expect(page.headers == header)
        var checked = 0
        for (row, csvRow) in zip(page.rows, csv.dropFirst()) {
            for (k, name) in header.enumerated() {
                let format = r.table("units")!.columns[k].format
                guard let exact = Double(csvRow[k]) else { continue }
                let shown = try #require(Self.number(row[k], lang), "\(name): \(row[k])")
                switch format {
                case .fraction: #expect(shown == (exact * 1000).rounded() / 10, "\(name) \(row[k]) vs \(csvRow[k])")
                case .money: #expect(String(format: "%.2f", shown) == csvRow[k], "\(name) \(row[k]) vs \(csvRow[k])")
                case .integer: #expect(shown == exact)
                default: #expect(abs(shown - exact) <= 0.0005 + 1e-12, "\(name) \(row[k]) vs \(csvRow[k])")
                    #expect(row[k].split(separator: lang == .id ? "," : ".").last?.count == 3, "three decimals: \(row[k])")
                }
                checked += 1
            }
        }
        #expect(checked > 24 * 10)
    }

    @Test func indonesianPageUsesTheInsuranceTermsAndSeparators() throws {
        let html = HTMLRenderer.render(try result(Self.sets[0]), language: .id)
        for term in ["Hasil underwriting", "Premi bruto", "Cabang", "Efisiensi", "Ringkasan", "Rasio gabungan", "Kualitas data", "Metode", "Peringkat"] {
            #expect(html.contains(term), "\(term)")
        }
        // Manado's underwriting result -1,846.44 (CSV) is -1.846,44 on the Indonesian page.
        #expect(html.contains("-1.846,44"))
        #expect(HTMLRenderer.render(try result(Self.sets[0]), language: .en).contains("-1,846.44"))
    }

    @Test func summaryWordsCarryTheTotalSavingAndTheLosses() throws {
        let r = try result(Self.sets[0])
        let units = try #require(r.table("units"))
        let data = try CSVLoader.load(path: PluginHarness.dataset(Self.sets[0]))
        // Total potential saving = Σ (actual − target) of the money inputs (opex, commission), from the CSV targets.
        var total = Decimal(0)
        for input in ["operating_expenses", "commission"] {
            let actual = try data.numbers(input, .positive)
            let target = try #require(units.values(of: "target_" + input)).map { $0.double ?? .nan }
            let share = try #require(units.values(of: "saving_" + input)).map { $0.double ?? 0 }
            for j in actual.indices where share[j] > 0 { total += Decimal(actual[j] - target[j]) }
        }
        var rounded = Decimal(), t = total
        NSDecimalRound(&rounded, &t, 2, .plain)
        let text = ReportNumbers(.en).money(rounded)
        let html = HTMLRenderer.render(r, language: .en)
        #expect(html.contains("total potential saving would be Rp \(text)"), "Rp \(text)")
        #expect(html.contains("3 branches make an underwriting loss"))
        #expect(html.contains("Manado (Rp -1,846.44)"))
    }

    @Test func textIsEscapedAndMissingDataIsWorded() throws {
        let r = try result("branches/branches_loss_missing.csv")
        for lang in ReportLanguage.allCases {
            let html = HTMLRenderer.render(r, language: lang)
            #expect(!html.contains("<Pusat>"))
            #expect(html.contains("Jakarta &lt;Pusat&gt; &amp; &quot;Kota&quot;"))
            #expect(html.contains(lang == .en ? "No subrogated claims were paid at Bandung and Semarang" : "Tidak ada klaim bersubrogasi yang dibayar di Bandung dan Semarang"))
        }
        let units = try Self.cells(HTMLRenderer.render(r, language: .en), table: "units")
        let rec = try #require(units.headers.firstIndex(of: "recovery_rate"))
        #expect(units.rows.filter { $0[rec] == "—" }.count == 2)
        #expect(HTMLRenderer.render(r, language: .en).contains("branches make an underwriting loss"))
        let none = HTMLRenderer.render(try result("branches/branches_no_recovery.csv"), language: .id)
        #expect(none.contains("Berkas tidak memuat kolom subrogasi"))
    }

    @Test func outputFileNameImpliesTheFormat() {
        #expect(OutputFormat.inferred(fromFileName: "board.html") == .html)
        #expect(OutputFormat.inferred(fromFileName: "Board.PDF") == .pdf)
        #expect(OutputFormat.inferred(fromFileName: "out.csv") == .csv)
        #expect(OutputFormat.inferred(fromFileName: "out.dat") == nil)
    }

    @Test func numberFormatsFollowTheLanguage() {
        let en = ReportNumbers(.en), id = ReportNumbers(.id)
        #expect(en.money(Decimal(string: "1234567.005")!) == "1,234,567.01")
        #expect(id.money(Decimal(string: "-1234567.5")!) == "-1.234.567,50")
        #expect(en.percent(0.12345) == "12.3 %")
        #expect(id.percent(0.12355) == "12,4 %")
        #expect(en.score(0.9996) == "1.000")
        #expect(id.score(-0.0001) == "0,000")
    }

    @Test(arguments: [
        ("dea", "cst_hospitals_12.csv", ["--id", "dmu", "--inputs", "x1_doctors,x2_nurses", "--outputs", "y1_outpatients", "--rts", "crs"], ["histogram", "frontier"]),
        ("dea", "cst_hospitals_12.csv", ["--id", "dmu", "--inputs", "x1_doctors,x2_nurses", "--outputs", "y1_outpatients,y2_inpatients"], ["histogram"]),
        ("sfa", "front41_eg1_logs.csv", ["--id", "firm", "--y", "ly", "--x", "lk,ll"], ["histogram"]),
        ("two-stage-dea", "kao_hwang_2008.csv", ["--id", "dmu", "--inputs", "x1_operation_expenses,x2_insurance_expenses",
                                                 "--intermediates", "z1_direct_written_premiums,z2_reinsurance_premiums",
                                                 "--outputs", "y1_underwriting_profit,y2_investment_profit", "--method", "relational"], ["scatter", "histogram"]),
        ("underwriting", "insurance/underwriting_branches.csv", ["--group-by", "branch,class"], []),
        ("loan-collectibility", "insurance/loans.csv", ["--id", "loan", "--group-by", "branch"], []),
    ] as [(String, String, [String], [String])])
    func otherPluginsGetTheGenericPageAndTheirCharts(plugin: String, file: String, arguments: [String], charts: [String]) throws {
        var args = arguments
        var id: String?
        if let k = args.firstIndex(of: "--id") { id = args[k + 1]; args.removeSubrange(k...(k + 1)) }
        let r = try PluginHarness.run(plugin, data: file, id: id, args)
        for lang in ReportLanguage.allCases {
            let html = HTMLRenderer.render(r, language: lang)
            #expect(Self.matches(html, #"<svg class="chart" data-chart="([^"]*)""#) == charts)
            for t in r.tables {
                #expect(try Self.cells(html, table: t.name).rows.count == t.rows.count, "\(plugin) \(t.name)")
            }
            #expect(!html.contains("<script"))
        }
    }
}
