import Foundation

/// Draws a ``ReportChart`` as inline SVG (no script, no font files, no external references).
/// Every chart has a `viewBox`, an explicit width/height and a `<title>` for screen readers.
public enum SVGCharts {
    static let palette = ["#1f5f8b", "#e07b39", "#4a9c5d", "#b8474d", "#7d5ba6", "#8c6d46", "#c4679f", "#6b6b6b"]
    static let width = 760.0

    public static func render(_ chart: ReportChart, language: ReportLanguage) -> String {
        let n = ReportNumbers(language)
        switch chart {
        case .bars(let title, let labels, let values, let format, let line):
            return bars(title.text(language), labels: labels, series: [("", values)], format: format, line: line, caption: nil, n: n)
        case .stackedBars(let title, let labels, let series, let format, let caption):
            return bars(title.text(language), labels: labels, series: series.map { ($0.name.text(language), $0.values) }, format: format,
                        line: nil, caption: caption?.text(language), n: n)
        case .histogram(let title, let values, let bins, let lower, let upper, let format):
            return histogram(title.text(language), values: values, bins: bins, lower: lower, upper: upper, format: format, n: n)
        case .scatter(let title, let xl, let yl, let points, let xf, let yf, let xs, let ys, let quadrants, let diagonal):
            return scatter(title.text(language), xLabel: xl.text(language), yLabel: yl.text(language), points: points, xFormat: xf,
                           yFormat: yf, xSplit: xs, ySplit: ys, quadrants: quadrants.map { $0.text(language) }, diagonal: diagonal, n: n)
        case .frontier(let title, let xl, let yl, let points, let path):
            return scatter(title.text(language), xLabel: xl.text(language), yLabel: yl.text(language), points: points, xFormat: .score,
                           yFormat: .score, xSplit: nil, ySplit: nil, quadrants: [], diagonal: false, path: path, kind: "frontier", n: n)
        case .waterfall(let title, let start, let steps, let end, let format):
            return waterfall(title.text(language), start: (start.label.text(language), start.value),
                             steps: steps.map { ($0.label.text(language), $0.value) }, end: end.text(language), format: format, n: n)
        }
    }

    static func f(_ x: Double) -> String { String(format: "%.1f", x) }

    static func open(_ title: String, kind: String, height: Double) -> String {
        "<svg class=\"chart\" data-chart=\"\(kind)\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\">"
            + "<title>\(HTML.escape(title))</title>"
            + "<text x=\"8\" y=\"18\" class=\"chart-title\">\(HTML.escape(title))</text>"
    }

    /// Round tick values covering [lo, hi].
    static func ticks(_ lo: Double, _ hi: Double, count: Int = 5) -> [Double] {
        guard hi > lo, lo.isFinite, hi.isFinite else { return [lo] }
        let raw = (hi - lo) / Double(count)
        let mag = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * mag }.first { $0 >= raw } ?? raw
        var t = ceil(lo / step) * step
        var out: [Double] = []
        while t <= hi + step * 1e-9 { out.append(abs(t) < step * 1e-9 ? 0 : t); t += step }
        return out
    }

    /// Horizontal bars, one row per label; several series stack (negative parts are drawn left of zero).
    static func bars(_ title: String, labels: [String], series: [(String, [Double])], format: ChartNumberFormat, line: Double?,
                     caption: String?, n: ReportNumbers) -> String {
        let dense = labels.count > 60
        let rowH = dense ? 11.0 : 18.0
        let left = 170.0, right = 70.0, top = 34.0 + (series.count > 1 ? 20 : 0)
        let plotW = width - left - right
        let height = top + rowH * Double(max(labels.count, 1)) + 40 + (caption == nil ? 0 : 18)
        var lo = 0.0, hi = line ?? 0
        for k in labels.indices {
            let parts = series.map { $0.1[k] }.filter(\.isFinite)
            hi = max(hi, parts.filter { $0 > 0 }.reduce(0, +))
            lo = min(lo, parts.filter { $0 < 0 }.reduce(0, +))
        }
        if hi == lo { hi = lo + 1 }
        let x = { (v: Double) in left + (v - lo) / (hi - lo) * plotW }
        var s = open(title, kind: series.count > 1 ? "stacked-bars" : "bars", height: height)
        if series.count > 1 {
            var lx = left
            for (k, (name, _)) in series.enumerated() {
                s += "<rect x=\"\(f(lx))\" y=\"26\" width=\"10\" height=\"10\" fill=\"\(palette[k % palette.count])\"/>"
                s += "<text x=\"\(f(lx + 14))\" y=\"35\" class=\"legend\">\(HTML.escape(name))</text>"
                lx += 24 + Double(name.count) * 6.5
            }
        }
        let bottom = top + rowH * Double(labels.count)
        for t in ticks(lo, hi) {
            s += "<line x1=\"\(f(x(t)))\" y1=\"\(f(top))\" x2=\"\(f(x(t)))\" y2=\"\(f(bottom))\" class=\"grid\"/>"
            s += "<text x=\"\(f(x(t)))\" y=\"\(f(bottom + 14))\" class=\"tick\" text-anchor=\"middle\">\(HTML.escape(n.chart(t, format)))</text>"
        }
        for (k, label) in labels.enumerated() {
            let y = top + rowH * Double(k)
            s += "<text x=\"\(f(left - 6))\" y=\"\(f(y + rowH * 0.78))\" class=\"label\(dense ? " dense" : "")\" text-anchor=\"end\">\(HTML.escape(label))</text>"
            var pos = 0.0, neg = 0.0
            for (si, (_, values)) in series.enumerated() {
                let v = values[k]
                guard v.isFinite, v != 0 else { continue }
                let a = v > 0 ? pos : neg + v
                if v > 0 { pos += v } else { neg += v }
                s += "<rect x=\"\(f(x(a)))\" y=\"\(f(y + 2))\" width=\"\(f(max(x(a + abs(v)) - x(a), 0.5)))\" height=\"\(f(rowH - 4))\" fill=\"\(palette[si % palette.count])\"><title>\(HTML.escape(label)): \(HTML.escape(n.chart(v, format)))</title></rect>"
            }
            let total = series.map { $0.1[k] }.filter(\.isFinite).reduce(0, +)
            // The value beside the bar, past the reference line when the bar reaches it.
            var valueX = x(max(pos, 0)) + 4
            if let line, valueX <= x(line) + 2, x(line) - valueX < 36 { valueX = x(line) + 4 }
            s += "<text x=\"\(f(valueX))\" y=\"\(f(y + rowH * 0.78))\" class=\"value\(dense ? " dense" : "")\">\(HTML.escape(n.chart(total, format)))</text>"
        }
        if let line {
            s += "<line x1=\"\(f(x(line)))\" y1=\"\(f(top - 4))\" x2=\"\(f(x(line)))\" y2=\"\(f(bottom))\" class=\"reference\"/>"
        }
        s += "<line x1=\"\(f(x(0)))\" y1=\"\(f(top))\" x2=\"\(f(x(0)))\" y2=\"\(f(bottom))\" class=\"axis\"/>"
        if let caption { s += "<text x=\"\(f(left))\" y=\"\(f(bottom + 34))\" class=\"caption\">\(HTML.escape(caption))</text>" }
        return s + "</svg>"
    }

    static func histogram(_ title: String, values: [Double], bins: Int, lower: Double, upper: Double, format: ChartNumberFormat,
                          n: ReportNumbers) -> String {
        let bins = max(bins, 1)
        let finite = values.filter(\.isFinite)
        let w = (upper - lower) / Double(bins)
        var counts = [Int](repeating: 0, count: bins)
        for v in finite where w > 0 {
            let k = min(max(Int(((v - lower) / w).rounded(.down)), 0), bins - 1)
            counts[k] += 1
        }
        let height = 300.0, left = 50.0, top = 34.0, bottom = height - 40, plotW = width - left - 20
        let maxCount = Double(max(counts.max() ?? 1, 1))
        var s = open(title, kind: "histogram", height: height)
        for t in ticks(0, maxCount, count: min(Int(maxCount), 5)) where t == t.rounded() {
            let y = bottom - t / maxCount * (bottom - top)
            s += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + plotW))\" y2=\"\(f(y))\" class=\"grid\"/>"
            s += "<text x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" class=\"tick\" text-anchor=\"end\">\(Int(t))</text>"
        }
        let bw = plotW / Double(bins)
        for (k, c) in counts.enumerated() {
            let h = Double(c) / maxCount * (bottom - top)
            let from = lower + w * Double(k)
            s += "<rect x=\"\(f(left + bw * Double(k) + 1))\" y=\"\(f(bottom - h))\" width=\"\(f(bw - 2))\" height=\"\(f(max(h, 0)))\" fill=\"\(palette[0])\"><title>\(HTML.escape(n.chart(from, format))) – \(HTML.escape(n.chart(from + w, format))): \(c)</title></rect>"
            if c > 0 { s += "<text x=\"\(f(left + bw * (Double(k) + 0.5)))\" y=\"\(f(bottom - h - 3))\" class=\"value\" text-anchor=\"middle\">\(c)</text>" }
        }
        let step = max(1, bins / 10)
        for k in stride(from: 0, through: bins, by: step) {
            let xv = lower + w * Double(k)
            s += "<text x=\"\(f(left + bw * Double(k)))\" y=\"\(f(bottom + 14))\" class=\"tick\" text-anchor=\"middle\">\(HTML.escape(n.chart(xv, format)))</text>"
        }
        s += "<line x1=\"\(f(left))\" y1=\"\(f(bottom))\" x2=\"\(f(left + plotW))\" y2=\"\(f(bottom))\" class=\"axis\"/>"
        return s + "</svg>"
    }

    static func scatter(_ title: String, xLabel: String, yLabel: String, points: [(label: String, x: Double, y: Double)],
                        xFormat: ChartNumberFormat, yFormat: ChartNumberFormat, xSplit: Double?, ySplit: Double?,
                        quadrants: [String], diagonal: Bool, path: [(x: Double, y: Double)] = [], kind: String = "scatter",
                        n: ReportNumbers) -> String {
        let height = 440.0, left = 70.0, right = 110.0, top = 40.0, bottom = height - 50
        let pts = points.filter { $0.x.isFinite && $0.y.isFinite }
        var xs = pts.map(\.x) + path.map(\.x), ys = pts.map(\.y) + path.map(\.y)
        if let xSplit { xs.append(xSplit) }
        if let ySplit { ys.append(ySplit) }
        var x0 = xs.min() ?? 0, x1 = xs.max() ?? 1, y0 = ys.min() ?? 0, y1 = ys.max() ?? 1
        if diagonal { x0 = min(x0, y0); y0 = x0; x1 = max(x1, y1); y1 = x1 }
        let px = (x1 - x0) * 0.06 + (x1 == x0 ? 0.5 : 0), py = (y1 - y0) * 0.06 + (y1 == y0 ? 0.5 : 0)
        x0 -= px; x1 += px; y0 -= py; y1 += py
        let X = { (v: Double) in left + (v - x0) / (x1 - x0) * (width - left - right) }
        let Y = { (v: Double) in bottom - (v - y0) / (y1 - y0) * (bottom - top) }
        var s = open(title, kind: kind, height: height)
        for t in ticks(x0, x1) {
            s += "<line x1=\"\(f(X(t)))\" y1=\"\(f(top))\" x2=\"\(f(X(t)))\" y2=\"\(f(bottom))\" class=\"grid\"/>"
            s += "<text x=\"\(f(X(t)))\" y=\"\(f(bottom + 14))\" class=\"tick\" text-anchor=\"middle\">\(HTML.escape(n.chart(t, xFormat)))</text>"
        }
        for t in ticks(y0, y1) {
            s += "<line x1=\"\(f(left))\" y1=\"\(f(Y(t)))\" x2=\"\(f(width - right))\" y2=\"\(f(Y(t)))\" class=\"grid\"/>"
            s += "<text x=\"\(f(left - 6))\" y=\"\(f(Y(t) + 4))\" class=\"tick\" text-anchor=\"end\">\(HTML.escape(n.chart(t, yFormat)))</text>"
        }
        if let xSplit { s += "<line x1=\"\(f(X(xSplit)))\" y1=\"\(f(top))\" x2=\"\(f(X(xSplit)))\" y2=\"\(f(bottom))\" class=\"reference\"/>" }
        if let ySplit { s += "<line x1=\"\(f(left))\" y1=\"\(f(Y(ySplit)))\" x2=\"\(f(width - right))\" y2=\"\(f(Y(ySplit)))\" class=\"reference\"/>" }
        if diagonal { s += "<line x1=\"\(f(X(x0)))\" y1=\"\(f(Y(x0)))\" x2=\"\(f(X(x1)))\" y2=\"\(f(Y(x1)))\" class=\"reference\"/>" }
        if path.count > 1 {
            s += "<polyline class=\"frontier\" fill=\"none\" points=\"" + path.map { "\(f(X($0.x))),\(f(Y($0.y)))" }.joined(separator: " ") + "\"/>"
        }
        if quadrants.count == 4 {
            let spots = [(left + 6, top + 12, "start"), (width - right - 6, top + 12, "end"),
                         (width - right - 6, bottom - 6, "end"), (left + 6, bottom - 6, "start")]
            for (q, (qx, qy, anchor)) in zip(quadrants, spots) {
                s += "<text x=\"\(f(qx))\" y=\"\(f(qy))\" class=\"quadrant\" text-anchor=\"\(anchor)\">\(HTML.escape(q))</text>"
            }
        }
        for p in pts {
            s += "<circle cx=\"\(f(X(p.x)))\" cy=\"\(f(Y(p.y)))\" r=\"4\" fill=\"\(palette[0])\"><title>\(HTML.escape(p.label)): \(HTML.escape(n.chart(p.x, xFormat))), \(HTML.escape(n.chart(p.y, yFormat)))</title></circle>"
            if pts.count <= 40 {
                s += "<text x=\"\(f(X(p.x) + 6))\" y=\"\(f(Y(p.y) - 5))\" class=\"point-label\">\(HTML.escape(p.label))</text>"
            }
        }
        s += "<text x=\"\(f((left + width - right) / 2))\" y=\"\(f(height - 12))\" class=\"axis-label\" text-anchor=\"middle\">\(HTML.escape(xLabel))</text>"
        s += "<text x=\"14\" y=\"\(f((top + bottom) / 2))\" class=\"axis-label\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(f((top + bottom) / 2)))\">\(HTML.escape(yLabel))</text>"
        return s + "</svg>"
    }

    static func waterfall(_ title: String, start: (String, Double), steps: [(String, Double)], end: String, format: ChartNumberFormat,
                          n: ReportNumbers) -> String {
        let height = 360.0, left = 70.0, top = 34.0, bottom = height - 90
        var levels: [(label: String, from: Double, to: Double, kind: String)] = [(start.0, 0, start.1, "total")]
        var level = start.1
        for (label, v) in steps {
            levels.append((label, level, level + v, v >= 0 ? "up" : "down"))
            level += v
        }
        levels.append((end, 0, level, level >= 0 ? "total" : "loss"))
        let all: [Double] = levels.flatMap { [$0.from, $0.to] } + [0]
        var lo = all.min() ?? 0, hi = all.max() ?? 1
        if hi == lo { hi = lo + 1 }
        let pad = (hi - lo) * 0.05
        lo -= lo < 0 ? pad : 0; hi += pad
        let Y = { (v: Double) in bottom - (v - lo) / (hi - lo) * (bottom - top) }
        let bw = (width - left - 20) / Double(levels.count)
        var s = open(title, kind: "waterfall", height: height)
        for t in ticks(lo, hi) {
            s += "<line x1=\"\(f(left))\" y1=\"\(f(Y(t)))\" x2=\"\(f(width - 20))\" y2=\"\(f(Y(t)))\" class=\"grid\"/>"
            s += "<text x=\"\(f(left - 6))\" y=\"\(f(Y(t) + 4))\" class=\"tick\" text-anchor=\"end\">\(HTML.escape(n.chart(t, format)))</text>"
        }
        let colours = ["total": palette[0], "up": palette[2], "down": palette[3], "loss": palette[3]]
        for (k, l) in levels.enumerated() {
            let x = left + bw * Double(k)
            let yTop = Y(max(l.from, l.to)), yBottom = Y(min(l.from, l.to))
            s += "<rect x=\"\(f(x + 4))\" y=\"\(f(yTop))\" width=\"\(f(bw - 8))\" height=\"\(f(max(yBottom - yTop, 0.5)))\" fill=\"\(colours[l.kind]!)\"><title>\(HTML.escape(l.label)): \(HTML.escape(n.chart(l.to - l.from, format)))</title></rect>"
            s += "<text x=\"\(f(x + bw / 2))\" y=\"\(f(yTop - 3))\" class=\"value\" text-anchor=\"middle\">\(HTML.escape(n.chart(l.kind == "total" || l.kind == "loss" ? l.to : l.to - l.from, format)))</text>"
            let lx = x + bw / 2, ly = bottom + 12
            s += "<text x=\"\(f(lx))\" y=\"\(f(ly))\" class=\"label\" text-anchor=\"end\" transform=\"rotate(-35 \(f(lx)) \(f(ly)))\">\(HTML.escape(l.label))</text>"
        }
        s += "<line x1=\"\(f(left))\" y1=\"\(f(Y(0)))\" x2=\"\(f(width - 20))\" y2=\"\(f(Y(0)))\" class=\"axis\"/>"
        return s + "</svg>"
    }
}
