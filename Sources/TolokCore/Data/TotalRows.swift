import Foundation

/// Total and subtotal rows (`TOTAL`, `JUMLAH`, `Subtotal`, `Total Jakarta`, or a row whose amounts
/// are the sums of the other rows), which a spreadsheet export often keeps below a table. Read as a
/// unit, a total row becomes a "branch" that is a peer of the others and doubles every company
/// total, so the run refuses it unless `--keep-total-rows` is given (docs/OUTPUT.md).
public enum TotalRows {
    /// Words that open a total row's label (lower case).
    static let labels = ["total", "jumlah", "grand total", "subtotal", "sub total", "total keseluruhan", "jumlah total"]

    /// Whether a label cell names a total row: one of ``labels`` (any case, `-`/`_` as spaces, a
    /// trailing `:`), alone or followed by more words (`Total Jakarta`, `Jumlah Cabang`).
    public static func isTotalLabel(_ cell: String) -> Bool {
        var t = cell.lowercased().replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        t = t.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        while t.hasSuffix(":") { t.removeLast() }
        t = t.trimmingCharacters(in: .whitespaces)
        return labels.contains { t == $0 || t.hasPrefix($0 + " ") || t.hasPrefix($0 + ":") }
    }

    /// The first row of `cells` whose cell ``isTotalLabel(_:)``. Cells cut from a file are first
    /// sifted by their bytes (``mayBeTotalLabel(_:)``), so that no String is made for the cells of
    /// an ordinary id column.
    static func firstTotalLabel(_ cells: RawCells) -> Int? {
        struct Found: Error { let row: Int }
        do {
            try cells.forEachCellBytes { r, bytes in
                if let bytes, !mayBeTotalLabel(bytes) { return }
                if isTotalLabel(cells[r]) { throw Found(row: r) }
            }
        } catch let found as Found {
            return found.row
        } catch {}
        return nil
    }

    /// False only when ``isTotalLabel(_:)`` is false for the cell of these UTF-8 bytes: ASCII
    /// bytes whose first byte other than a space, tab, `-` or `_` (what the label rules drop in
    /// front) is not the first letter of a label (`t`, `j`, `g`, `s`, either case). Text that is not
    /// ASCII always may be (lower-casing and white space are Unicode's there).
    static func mayBeTotalLabel(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var lead: UInt8?
        for b in bytes {
            if b >= 0x80 { return true }
            if lead == nil, b != 0x20, b != 0x09, b != UInt8(ascii: "-"), b != UInt8(ascii: "_") { lead = b | 0x20 }
        }
        guard let lead else { return false }
        return lead == UInt8(ascii: "t") || lead == UInt8(ascii: "j") || lead == UInt8(ascii: "g") || lead == UInt8(ascii: "s")
    }

    /// The first row that looks like a total, as a refusal (`nil` when there is none).
    /// - `labelColumn`: a text column whose cell names the row (the id column); a cell there that
    ///   ``isTotalLabel(_:)`` names it a total row.
    /// - `numericColumns`: when there are at least four rows (three units and the total) and two of these columns have a value
    ///   in the first or last row, that row is a total row when each of its values equals the sum of
    ///   the other rows' values to the printed precision of its cell (half a unit of its last digit)
    ///   and some sum is not zero.
    public static func refusal(in dataset: Dataset, labelColumn: String?, numericColumns: [String]) -> DataError? {
        let advice = "remove the row or pass --keep-total-rows"
        if let labelColumn, let column = try? dataset.column(labelColumn), !column.isNumeric,
           let r = firstTotalLabel(column.raw) {
            return dataset.cellError(row: r, column: labelColumn,
                                     expected: "a unit's row, not a total or subtotal row (\"\(OutputText.excerpt(column.raw[r], limit: 30))\" names a total); \(advice)",
                                     got: column.raw[r])
        }
        let n = dataset.rowCount
        guard n >= 4 else { return nil }
        let columns = numericColumns.compactMap { try? dataset.column($0) }.filter(\.isNumeric)
        for r in Set([n - 1, 0]).sorted(by: >) {
            var compared: [String] = []
            var allEqual = true, anyNonZero = false
            for c in columns {
                guard case .numeric(let values) = c.values, let x = values[r], x.isFinite else { continue }
                var others = 0.0, finite = true
                for (k, v) in values.enumerated() where k != r {
                    guard let v else { continue }
                    guard v.isFinite else { finite = false; break }
                    others += v
                }
                guard finite else { allEqual = false; break }
                let tolerance = 0.5 * pow(10, -Double(printedDecimals(c.raw[r]))) + 1e-9 * abs(others)
                compared.append(c.name)
                if others != 0 { anyNonZero = true }
                if abs(x - others) > tolerance { allEqual = false; break }
            }
            if allEqual, anyNonZero, compared.count >= 2 {
                let names = compared.prefix(4).map { "\"\(OutputText.excerpt($0, limit: 30))\"" }.joined(separator: ", ") + (compared.count > 4 ? ", …" : "")
                return dataset.cellError(row: r, column: nil,
                                         expected: "a unit's row, not a total row (its \(names) are the sums of the other rows); \(advice)",
                                         got: nil)
            }
        }
        return nil
    }

    /// Digits after the decimal mark (a point or a comma) as printed in a cell.
    static func printedDecimals(_ cell: String) -> Int {
        let t = cell.trimmingSpaces()
        guard let mark = t.lastIndex(where: { $0 == "." || $0 == "," }) else { return 0 }
        let tail = t[t.index(after: mark)...]
        // `1.250.000` or `1,250,000`: thousands groups, no fraction.
        if tail.count == 3, t.filter({ $0 == t[mark] }).count > 1 { return 0 }
        return tail.prefix { $0.isASCIIDigit }.count
    }
}
