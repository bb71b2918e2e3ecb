import Foundation

/// A text in both report languages. Plugins compute; they may word a finding, but never build
/// markup: the HTML renderer escapes every text it is given.
public struct LocalizedText: Sendable, Equatable {
    public var en: String
    public var id: String
    public init(en: String, id: String) {
        self.en = en
        self.id = id
    }
    public init(_ both: String) { self.init(en: both, id: both) }
    public func text(_ language: ReportLanguage) -> String { language == .id ? id : en }
}

/// The language of a report page (`--lang`).
public enum ReportLanguage: String, Sendable, CaseIterable {
    case en
    case id
}

/// How a chart's numbers are written on axes and labels.
public enum ChartNumberFormat: String, Sendable, Equatable {
    case score      // 3 decimals
    case percent    // a fraction shown as % with 1 decimal
    case money      // Rupiah, grouped, no decimals on axes
    case count      // whole numbers
}

/// A chart the HTML renderer draws as inline SVG: typed data only.
public enum ReportChart: Sendable, Equatable {
    /// Bars sorted as given (`labels[k]`, `values[k]`); an optional reference line (e.g. the frontier at 1).
    case bars(title: LocalizedText, labels: [String], values: [Double], format: ChartNumberFormat, referenceLine: Double?)
    /// Stacked bars: `series[s].values[k]` for bar k; the caption carries the total.
    case stackedBars(title: LocalizedText, labels: [String], series: [(name: LocalizedText, values: [Double])], format: ChartNumberFormat,
                     caption: LocalizedText?)
    /// A histogram of `values` in `bins` equal bins over [lower, upper].
    case histogram(title: LocalizedText, values: [Double], bins: Int, lower: Double, upper: Double, format: ChartNumberFormat)
    /// A scatter; with split lines it becomes four quadrants named clockwise from top-left.
    case scatter(title: LocalizedText, xLabel: LocalizedText, yLabel: LocalizedText, points: [(label: String, x: Double, y: Double)],
                 xFormat: ChartNumberFormat, yFormat: ChartNumberFormat, xSplit: Double?, ySplit: Double?, quadrants: [LocalizedText],
                 diagonal: Bool)
    /// Units in two dimensions with the frontier drawn through `frontier` (in order).
    case frontier(title: LocalizedText, xLabel: LocalizedText, yLabel: LocalizedText, points: [(label: String, x: Double, y: Double)],
                  frontier: [(x: Double, y: Double)])
    /// A waterfall: a start total, signed steps, and the end total.
    case waterfall(title: LocalizedText, start: (label: LocalizedText, value: Double), steps: [(label: LocalizedText, value: Double)],
                   end: LocalizedText, format: ChartNumberFormat)

    public var title: LocalizedText {
        switch self {
        case .bars(let t, _, _, _, _), .stackedBars(let t, _, _, _, _), .histogram(let t, _, _, _, _, _),
             .scatter(let t, _, _, _, _, _, _, _, _, _), .waterfall(let t, _, _, _, _), .frontier(let t, _, _, _, _): return t
        }
    }

    public static func == (a: ReportChart, b: ReportChart) -> Bool {
        // Charts are derived from the tables; comparing titles and kinds is enough for result equality.
        a.title == b.title && a.kind == b.kind
    }

    public var kind: String {
        switch self {
        case .bars: return "bars"
        case .stackedBars: return "stacked-bars"
        case .histogram: return "histogram"
        case .scatter: return "scatter"
        case .waterfall: return "waterfall"
        case .frontier: return "frontier"
        }
    }
}

/// One section of a report page.
public struct ReportSection: Sendable, Equatable {
    public var id: String
    public var title: LocalizedText
    public var paragraphs: [LocalizedText]
    /// A bulleted list (e.g. data-quality notes).
    public var items: [LocalizedText]
    /// Tables to show in this section (rendered with the page's number formats).
    public var tables: [ResultTable]
    public var charts: [ReportChart]

    public init(id: String, title: LocalizedText, paragraphs: [LocalizedText] = [], items: [LocalizedText] = [],
                tables: [ResultTable] = [], charts: [ReportChart] = []) {
        self.id = id
        self.title = title
        self.paragraphs = paragraphs
        self.items = items
        self.tables = tables
        self.charts = charts
    }
}

/// What a plugin gives the HTML page beyond its tables: a title, sections drawn before the
/// generic tables, and whether the generic tables follow.
public struct ReportContent: Sendable, Equatable {
    public var title: LocalizedText
    public var sections: [ReportSection]
    /// Append every result table, the summary and the notes after the sections.
    public var includeGenericTables: Bool
    /// Append the result's notes (technical; a board report words its own in its sections).
    public var includeNotes: Bool = true
    public var references: [String]

    public init(title: LocalizedText, sections: [ReportSection], includeGenericTables: Bool = true, references: [String] = []) {
        self.title = title
        self.sections = sections
        self.includeGenericTables = includeGenericTables
        self.references = references
    }
}

extension ReportChart {
    /// The distribution of efficiency scores: bins of 0.05 from the lowest score (rounded down
    /// to 0.05) to at least 1 (super-efficiencies and output-oriented scores above 1 widen it).
    public static func efficiencyHistogram(_ values: [Double], title: LocalizedText? = nil) -> ReportChart {
        let finite = values.filter(\.isFinite)
        let width = 0.05
        let lower = max(0, ((finite.min() ?? 0) / width + 1e-9).rounded(.down) * width)
        var upper = max(1, ((finite.max() ?? 1) / width - 1e-9).rounded(.up) * width)
        if upper <= lower { upper = lower + width }
        var bins = Int(((upper - lower) / width).rounded())
        if bins > 40 { bins = 40 }
        return .histogram(title: title ?? LocalizedText(en: "Distribution of efficiency scores", id: "Sebaran skor efisiensi"),
                          values: finite, bins: max(bins, 1), lower: lower, upper: upper, format: .score)
    }

    /// The numbers of a table column, NaN where not numeric.
    public static func numbers(_ table: ResultTable?, _ column: String) -> [Double] {
        (table?.values(of: column) ?? []).map { v in
            if case .missing = v { return .nan }
            return v.double ?? .nan
        }
    }
}
