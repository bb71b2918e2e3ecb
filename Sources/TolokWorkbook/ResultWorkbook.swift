import Foundation
import TolokCore

/// A result as an Excel workbook (`--format xlsx`): one sheet per result table in the result's
/// order, then a `summary` sheet (name, value; the parameters and the notes below it). Cells
/// are typed from the columns' ``ColumnFormat``: money with two decimals (`#,##0.00`), fractions
/// as percentages (`0.0%`), integers as `0`, other numbers general; missing and non-finite
/// values are empty cells; booleans are Excel booleans.
public enum ResultWorkbook {
    public static func data(_ result: AnalysisResult) throws -> Data {
        try XLSXWriter.data(sheets(result))
    }

    static func sheets(_ result: AnalysisResult) -> [WorkbookSheet] {
        var sheets = result.tables.map(sheet)
        var summary: [[WorkbookSheet.Cell]] = result.summary.map { name, value in
            let isRatio = name.hasSuffix("_ratio") || name.hasSuffix("_rate") || name.hasSuffix("_share")
            return [.text(name), cell(value, format: isRatio ? .fraction : .number)]
        }
        if !result.parameters.isEmpty {
            summary.append([])
            summary.append([.text("parameter")])
            summary += result.parameters.map { [.text($0.name), cell($0.value, format: .number)] }
        }
        if !result.notes.isEmpty {
            summary.append([])
            summary.append([.text("notes")])
            summary += result.notes.map { [.text($0)] }
        }
        summary.append([])
        summary += [[.text("plugin"), .text(result.plugin)], [.text("version"), .text(result.version)]]
        let summaryName = result.table(AnalysisResult.summaryTableName) == nil ? AnalysisResult.summaryTableName : "result summary"
        sheets.append(WorkbookSheet(name: summaryName, header: ["name", "value"], rows: summary))
        return sheets
    }

    static func sheet(_ table: ResultTable) -> WorkbookSheet {
        WorkbookSheet(name: table.name, header: table.columns.map(\.name),
                      rows: table.rows.map { row in zip(row, table.columns).map { cell($0, format: $1.format) } })
    }

    static func cell(_ v: Value, format: ColumnFormat) -> WorkbookSheet.Cell {
        switch v {
        case .number(let x):
            guard x.isFinite else { return .empty }
            switch format {
            case .fraction: return .number(x, .percent)
            case .money: return .number(x, .money)
            case .integer: return .number(x, .integer)
            default: return .number(x, .general)
            }
        case .integer(let i): return .number(Double(i), format == .money ? .money : .integer)
        case .money(let d):
            guard !d.isNaN else { return .empty }
            // Money is exact to the cent in Decimal; the cell holds the nearest double of the
            // value rounded to cents (what the CSV prints), shown with two decimals.
            var value = d, rounded = Decimal()
            NSDecimalRound(&rounded, &value, 2, .plain)
            return .number(Double(nearest: rounded), .money)
        case .text(let s), .peers(_, let s): return .text(s)
        case .bool(let b): return .bool(b)
        case .missing: return .empty
        }
    }
}
