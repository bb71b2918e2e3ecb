import Foundation

/// Escaping for HTML text and attribute values.
public enum HTML {
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}

/// Renders any result as one self-contained HTML page (inline CSS and SVG; no script, font or
/// URL is fetched), readable on screen and printable on A4: the plugin's report sections and
/// charts (``ReportContent``), then every result table, the summary, the notes and the
/// parameters. Numbers are right-aligned with one format per column: scores three decimals,
/// percentages one, money two in Rupiah with the language's separators.
public enum HTMLRenderer {
    public static func render(_ result: AnalysisResult, language: ReportLanguage = .en) -> String {
        let t = { (key: String) in ReportMessages.text(key, language) }
        let title = result.report?.title.text(language) ?? "\(t("report_of")): \(result.plugin)"
        var body = "<header><h1>\(HTML.escape(title))</h1><p class=\"meta\">\(HTML.escape(t("generated"))) · \(HTML.escape(result.plugin)) \(HTML.escape(result.version))"
        if let data = result.parameters.first(where: { $0.name == "data" })?.value.string {
            body += " · \(HTML.escape(t("data_file"))): <code>\(HTML.escape(data))</code>"
        }
        body += "</p></header>\n"
        var sectionIndex = 0
        func section(_ id: String, _ heading: String, _ content: String) {
            body += "<section id=\"\(HTML.escape(id))\" class=\"report-section\(sectionIndex == 0 ? " first" : "")\"><h2>\(HTML.escape(heading))</h2>\n\(content)</section>\n"
            sectionIndex += 1
        }
        for s in result.report?.sections ?? [] {
            var c = ""
            for p in s.paragraphs { c += "<p>\(HTML.escape(p.text(language)))</p>\n" }
            if !s.items.isEmpty { c += "<ul>" + s.items.map { "<li>\(HTML.escape($0.text(language)))</li>" }.joined() + "</ul>\n" }
            for table in s.tables { c += renderTable(table, language: language) }
            for chart in s.charts { c += "<figure class=\"chart-figure\">" + SVGCharts.render(chart, language: language) + "</figure>\n" }
            section(s.id, s.title.text(language), c)
        }
        if result.report?.includeGenericTables ?? true {
            if !result.summary.isEmpty { section("summary", t("summary"), renderSummary(result.summary, language: language)) }
            for table in result.tables {
                section("table-\(table.name)", "\(t("table")): \(ReportMessages.heading(table.name, language))", renderTable(table, language: language))
            }
            if !result.notes.isEmpty, result.report?.includeNotes ?? true {
                section("notes", t("notes"), "<ul>" + result.notes.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>\n")
            }
        }
        if let refs = result.report?.references, !refs.isEmpty {
            section("references", t("references"), "<ol>" + refs.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ol>\n")
        }
        if !result.parameters.isEmpty {
            var c = "<table class=\"parameters\"><thead><tr><th>\(HTML.escape(t("option")))</th><th>\(HTML.escape(t("value")))</th></tr></thead><tbody>"
            for (name, value) in result.parameters {
                c += "<tr><td><code>--\(HTML.escape(name))</code></td><td>\(HTML.escape(plain(value, language: language)))</td></tr>"
            }
            section("parameters", t("parameters"), c + "</tbody></table>\n")
        }
        return """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title))</title>
        <style>\(stylesheet)</style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    /// A value in words for the parameter list (no number formatting beyond the exact text).
    static func plain(_ v: Value, language: ReportLanguage) -> String {
        switch v {
        case .text(let s), .peers(_, let s): return s
        case .bool(let b): return ReportMessages.text(b ? "yes" : "no", language)
        case .number(let x): return x.isFinite ? ValueFormatting.exact(x) : "—"
        case .integer(let i): return String(i)
        case .money(let d): return ValueFormatting.money(d)
        case .missing: return "—"
        }
    }

    /// How one column is written: the same for every cell of the column.
    enum CellStyle { case text, score, scientific, percent, money, integer, bool }

    static func style(of column: ResultColumn, values: [Value]) -> CellStyle {
        switch column.format {
        case .text, .peers: return .text
        case .fraction: return .percent
        case .money: return .money
        case .integer: return .integer
        case .bool: return .bool
        case .number:
            let magnitudes = values.compactMap { v -> Double? in if case .number(let x) = v, x.isFinite, x != 0 { return abs(x) }; return nil }
            if let small = magnitudes.max(), small < 1e-3 { return .scientific }
            return .score
        }
    }

    /// One cell in a column's style.
    static func cell(_ v: Value, _ style: CellStyle, _ n: ReportNumbers) -> String {
        switch v {
        case .missing: return "—"
        case .text(let s), .peers(_, let s): return s
        case .bool(let b): return ReportMessages.text(b ? "yes" : "no", n.language)
        case .money(let d): return n.money(d)
        case .integer(let i): return style == .integer || style == .text ? n.fixed(Double(i), places: 0) : cell(.number(Double(i)), style, n)
        case .number(let x):
            guard x.isFinite else { return "—" }
            switch style {
            case .percent: return n.percent(x)
            case .scientific: return n.scientific(x)
            case .integer: return n.fixed(x, places: 0)
            case .money: return n.fixed(x, places: 2)
            default: return n.score(x)
            }
        }
    }

    public static func renderTable(_ table: ResultTable, language: ReportLanguage) -> String {
        let n = ReportNumbers(language)
        let styles = table.columns.indices.map { k in style(of: table.columns[k], values: table.rows.map { $0[k] }) }
        var s = "<div class=\"table-wrap\"><table class=\"data\" data-table=\"\(HTML.escape(table.name))\"><thead><tr>"
        for (k, c) in table.columns.enumerated() {
            var heading = ReportMessages.heading(c.name, language)
            if styles[k] == .money { heading += " (Rp)" } else if styles[k] == .percent { heading += " (%)" }
            s += "<th data-column=\"\(HTML.escape(c.name))\" class=\"\(styles[k] == .text ? "text" : "num")\">\(HTML.escape(heading))</th>"
        }
        s += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            s += "<tr>"
            for (k, v) in row.enumerated() {
                let text = cell(v, styles[k], n)
                let numeric = styles[k] != .text
                s += "<td class=\"\(numeric ? "num" : "text")\(isNegative(v) ? " neg" : "")\">\(HTML.escape(text))</td>"
            }
            s += "</tr>\n"
        }
        return s + "</tbody></table></div>\n"
    }

    static func isNegative(_ v: Value) -> Bool {
        switch v {
        case .number(let x): return x < 0
        case .integer(let i): return i < 0
        case .money(let d): return !d.isNaN && d < 0
        default: return false
        }
    }

    static func renderSummary(_ summary: [(name: String, value: Value)], language: ReportLanguage) -> String {
        let n = ReportNumbers(language)
        var s = "<table class=\"summary\"><tbody>"
        for (name, value) in summary {
            let isRatio = name.hasSuffix("_ratio") || name.hasSuffix("_rate") || name.hasSuffix("_share")
            let style: CellStyle
            switch value {
            case .integer: style = .integer
            case .money: style = .money
            case .text, .peers: style = .text
            case .bool: style = .bool
            default: style = isRatio ? .percent : (abs(value.double ?? 1) < 1e-3 && value.double != 0 ? .scientific : .score)
            }
            var heading = ReportMessages.heading(name, language)
            if style == .money { heading += " (Rp)" }
            s += "<tr><th>\(HTML.escape(heading))</th><td class=\"num\">\(HTML.escape(cell(value, style, n)))</td></tr>"
        }
        return s + "</tbody></table>\n"
    }

    static let stylesheet = """

    :root { color-scheme: light; }
    body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; font-size: 13px; color: #1d2733; margin: 24px auto; max-width: 1100px; padding: 0 16px; line-height: 1.45; }
    h1 { font-size: 24px; margin: 0 0 4px; color: #143d5c; }
    h2 { font-size: 18px; margin: 28px 0 10px; color: #143d5c; border-bottom: 2px solid #d5dee6; padding-bottom: 3px; }
    .meta { color: #5b6875; margin: 0 0 16px; }
    p { max-width: 60em; }
    .table-wrap { overflow-x: auto; margin: 8px 0 16px; }
    table { border-collapse: collapse; font-size: 12px; }
    th, td { padding: 3px 8px; border-bottom: 1px solid #e2e8ee; vertical-align: top; }
    thead th { background: #eef3f7; border-bottom: 2px solid #c5d1db; text-align: left; }
    th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    td.text { text-align: left; }
    td.neg { color: #a4262c; }
    tbody tr:nth-child(even) { background: #f8fafc; }
    table.summary th { text-align: left; font-weight: normal; color: #3b4754; }
    figure.chart-figure { margin: 12px 0 20px; }
    svg.chart { max-width: 100%; height: auto; font-family: inherit; }
    svg .chart-title { font-size: 14px; font-weight: bold; fill: #143d5c; }
    svg .label, svg .legend, svg .point-label { font-size: 11px; fill: #1d2733; }
    svg .tick, svg .value, svg .caption { font-size: 10px; fill: #4a5663; }
    svg .caption { font-size: 12px; font-weight: bold; }
    svg .axis-label { font-size: 12px; fill: #1d2733; }
    svg .quadrant { font-size: 11px; fill: #7a8794; font-style: italic; }
    svg .grid { stroke: #e6ebf0; stroke-width: 1; }
    svg .axis { stroke: #5b6875; stroke-width: 1; }
    svg .dense { font-size: 8px; }
    svg .frontier { stroke: #e07b39; stroke-width: 2; }
    svg .reference { stroke: #b8474d; stroke-width: 1.5; stroke-dasharray: 5 3; }
    code { font-size: 12px; }
    @page { size: A4; margin: 14mm 12mm; }
    @media print {
      body { margin: 0; max-width: none; padding: 0; font-size: 10.5px; }
      section.report-section { break-before: page; }
      section.report-section.first { break-before: auto; }
      h2 { break-after: avoid; }
      figure.chart-figure, tr { break-inside: avoid; }
      thead { display: table-header-group; }
      .table-wrap { overflow: visible; }
      table { font-size: 9px; }
      th, td { padding: 2px 4px; }
      svg.chart { width: 100%; }
    }

    """
}
