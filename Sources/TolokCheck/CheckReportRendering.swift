import Foundation

/// The people's table of `tolok check` and its JUnit XML.
public enum CheckReportRendering {
    /// One line per case: values compared, the worst difference (and the share of its tolerance
    /// it used, and where), the verdict; then the failures in detail and a closing count.
    public static func table(_ report: SuiteReport, details: Bool = false) -> String {
        let header = ["case", "plugin", "values", "worst diff", "of tol", "at", "verdict"]
        var rows: [[String]] = []
        for c in report.cases {
            let worst = c.worst
            rows.append([c.name, c.plugin, "\(c.comparisons.count)",
                         worst?.difference.map(number) ?? "—",
                         worst?.toleranceUsed.map(share) ?? "—",
                         worst?.label ?? "—",
                         c.verdict.word])
        }
        var widths = header.map(\.count)
        for row in rows { for (k, cell) in row.enumerated() { widths[k] = max(widths[k], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { k, cell in
                let pad = String(repeating: " ", count: widths[k] - cell.count)
                return (k == 2 || k == 3 || k == 4) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        var out = line(header) + "\n" + line(widths.map { String(repeating: "-", count: $0) }) + "\n"
        for row in rows { out += line(row) + "\n" }
        for c in report.cases {
            switch c.verdict {
            case .pass where !details: continue
            case .error(let message):
                out += "\n\(c.name): ERROR: \(message)\n"
                continue
            default: break
            }
            let shown = details ? c.comparisons : c.failures
            if shown.isEmpty { continue }
            out += "\n\(c.name): \(c.failures.count) of \(c.comparisons.count) values do not hold\n"
            for f in shown.prefix(details ? shown.count : 20) { out += "  " + describe(f) + "\n" }
            if !details && shown.count > 20 { out += "  … and \(shown.count - 20) more\n" }
        }
        let failed = report.cases.filter { $0.verdict == .fail }.count
        let errors = report.cases.filter { if case .error = $0.verdict { return true } else { return false } }.count
        let passed = report.cases.count - failed - errors
        out += "\n\(report.suite): \(report.cases.count) cases, \(report.cases.reduce(0) { $0 + $1.comparisons.count }) values"
            + " in \(String(format: "%.2f", report.seconds)) s\n"
        out += "\(passed) passed, \(failed + errors) failed" + (errors > 0 ? " (\(errors) with errors)" : "") + "\n"
        return out
    }

    static func describe(_ c: Comparison) -> String {
        var s = "\(c.holds ? "ok  " : "FAIL") \(c.label): got \(c.actual), expected \(c.expected)"
        if let d = c.difference, let b = c.bound { s += " (diff \(number(d)), tolerance \(number(b)))" }
        if let p = c.problem { s += " — \(p)" }
        return s
    }

    static func number(_ x: Double) -> String {
        if x == 0 { return "0" }
        if !x.isFinite { return "\(x)" }
        return String(format: "%.2g", x)
    }

    static func share(_ x: Double) -> String {
        if !x.isFinite { return "∞" }
        return String(format: "%.0f%%", x * 100)
    }

    /// JUnit XML: one `testsuite` for the suite, one `testcase` per case, with a `failure`
    /// (values that do not hold) or an `error` (the case did not run).
    public static func junit(_ report: SuiteReport) -> String {
        let failed = report.cases.filter { $0.verdict == .fail }.count
        let errors = report.cases.filter { if case .error = $0.verdict { return true } else { return false } }.count
        let time = String(format: "%.3f", report.seconds)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"tolok check\" tests=\"\(report.cases.count)\" failures=\"\(failed)\" errors=\"\(errors)\" time=\"\(time)\">\n"
        out += "  <testsuite name=\"\(escape(report.suite))\" tests=\"\(report.cases.count)\" failures=\"\(failed)\" errors=\"\(errors)\" skipped=\"0\" time=\"\(time)\">\n"
        for c in report.cases {
            out += "    <testcase classname=\"\(escape(report.suite)).\(escape(c.plugin))\" name=\"\(escape(c.name))\" time=\"\(String(format: "%.3f", c.seconds))\""
            switch c.verdict {
            case .pass:
                out += ">\n      <system-out>\(escape(summaryLine(c)))</system-out>\n    </testcase>\n"
            case .fail:
                let f = c.failures
                out += ">\n      <failure message=\"\(escape("\(f.count) of \(c.comparisons.count) values do not hold: " + (f.first.map(describe) ?? "")))\" type=\"mismatch\">"
                out += escape(f.map(describe).joined(separator: "\n")) + "</failure>\n    </testcase>\n"
            case .error(let message):
                out += ">\n      <error message=\"\(escape(message))\" type=\"error\">\(escape(message))</error>\n    </testcase>\n"
            }
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    static func summaryLine(_ c: CaseReport) -> String {
        guard let w = c.worst, let d = w.difference else { return "\(c.comparisons.count) values hold" }
        return "\(c.comparisons.count) values hold; worst difference \(number(d)) at \(w.label)"
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n", "\t", "\r": out.unicodeScalars.append(u)
            default:
                // Characters XML 1.0 does not allow are dropped.
                if u.value < 0x20 || (0xFFFE...0xFFFF).contains(u.value) { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
