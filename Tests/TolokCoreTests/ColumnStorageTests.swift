import Foundation
import Testing
@testable import TolokCore

/// Typed result columns (issue #10): what each storage keeps, that the cells read back as the
/// values stored, and that the renderers write the same bytes from typed and from generic columns.
@Suite struct ColumnStorageTests {
    func money(_ s: String) -> Value { .money(Decimal(string: s, locale: Locale(identifier: "en_US_POSIX"))!) }

    @Test func compactsEachKind() {
        guard case .numbers(let a, let m) = ColumnStorage([.number(1.5), .missing, .number(-2)]) else { Issue.record("not numbers"); return }
        #expect(a[0] == 1.5 && a[2] == -2 && m == [false, true, false])
        guard case .integers(_, nil) = ColumnStorage([.integer(1), .integer(2)]) else { Issue.record("not integers"); return }
        guard case .cents(let c, nil) = ColumnStorage([money("12.5"), money("-0.07"), money("3")]) else { Issue.record("not cents"); return }
        #expect(c == [1250, -7, 300])
        guard case .texts = ColumnStorage([.text("a"), .missing]) else { Issue.record("not texts"); return }
        guard case .bools = ColumnStorage([.bool(true), .bool(false)]) else { Issue.record("not bools"); return }
    }

    @Test func mixedAndInexactColumnsFallBack() {
        guard case .values = ColumnStorage([.number(1), .text("x")]) else { Issue.record("mixed kept typed"); return }
        // More than two decimals, and cents beyond 63 bits: the Decimal is kept as it is.
        let inexact = [money("1.005"), money("2")]
        guard case .values(let v) = ColumnStorage(inexact) else { Issue.record("1.005 kept as cents"); return }
        #expect(v == inexact)
        let huge = money("123456789012345678901234567890.25")
        guard case .values = ColumnStorage([huge]) else { Issue.record("huge amount kept as cents"); return }
        guard case .values = ColumnStorage([.peers([PeerWeight(id: "B", lambda: 1)], text: "B:1")]) else { Issue.record("peers typed"); return }
    }

    @Test func cellsReadBackAsStored() {
        let cells: [[Value]] = [
            [.number(0.1), .number(.infinity), .missing],
            [.integer(-3), .missing, .integer(Int.max)],
            [money("1234567.89"), .missing, money("-0.5")],
            [.text("a,b"), .missing, .text("")],
            [.bool(true), .missing, .bool(false)],
            [.text("x"), .number(2), money("1.005")],
        ]
        for column in cells {
            let s = ColumnStorage(column)
            #expect(s.count == column.count)
            #expect(s.values == column)
        }
        // Exact cents read back as the same amount.
        #expect(ColumnStorage.decimal(cents: -123) == Decimal(string: "-1.23")!)
    }

    @Test func appendKeepsOrFallsBack() {
        var s = ColumnStorage([.number(1)])
        s.append(.missing)
        s.append(.number(3))
        guard case .numbers(_, let m) = s else { Issue.record("append changed the kind"); return }
        #expect(m == [false, true, false])
        s.append(.text("t"))
        guard case .values(let v) = s else { Issue.record("a text in numbers kept typed"); return }
        #expect(v == [.number(1), .missing, .number(3), .text("t")])
        var c = ColumnStorage([money("1.10")])
        c.append(money("1.001"))
        #expect(c.values == [money("1.10"), money("1.001")])
        var missingFirst = ColumnStorage([.missing])
        missingFirst.append(.text("a"))
        #expect(missingFirst.values == [.missing, .text("a")])
        var coded = ColumnStorage.text(["ok", "ok", "bad"])
        coded.append(.text("new"))
        coded.append(.missing)
        #expect(coded.values == [.text("ok"), .text("ok"), .text("bad"), .text("new"), .missing])
    }

    @Test func rowsRoundTripAndEquality() {
        let rows: [[Value]] = [[.text("A"), .number(0.5), money("10.00"), .integer(1)],
                               [.text("B"), .missing, money("2.345"), .integer(2)]]
        let columns = [ResultColumn("id", .text), ResultColumn("x"), ResultColumn("m", .money), ResultColumn("k", .integer)]
        var t = ResultTable(name: "units", columns: columns, rows: rows)
        #expect(t.rowCount == 2)
        #expect(t.rows == rows)
        #expect(t[1, 2] == money("2.345"))
        var appended = ResultTable(name: "units", columns: columns)
        for r in rows { appended.append(r) }
        #expect(appended == t)
        var b = TableBuilder(name: "units", rows: 2)
        b.add(ResultColumn("id", .text), storage: .texts(["A", "B"], missing: nil))
        b.add("x", optionalDoubles: [0.5, nil])
        b.add("m", money: [Decimal(string: "10")!, Decimal(string: "2.345")!])
        b.add("k", integers: [1, 2])
        #expect(b.table == t)
        t.rows = [rows[0]]
        #expect(t.rowCount == 1 && t != appended)
        var other = appended
        other.rows[1][3] = .integer(3)
        #expect(other != appended)
    }

    /// The same table as typed columns and as generic cells renders the same CSV and JSON bytes,
    /// over more rows than one chunk (so the chunked, two-at-a-time path and its joins are used).
    @Test func typedAndGenericRenderTheSameBytes() throws {
        let n = ColumnChunks.chunkRows * 2 + 777
        var b = TableBuilder(name: "units", rows: n)
        b.add(ResultColumn("id", .text), storage: .texts((0..<n).map { "U\($0)" }, missing: nil))
        b.add("status", texts: (0..<n).map { $0 % 7 == 0 ? "infeasible" : "ok" })
        b.add("x", optionalDoubles: (0..<n).map { $0 % 5 == 0 ? nil : Double($0) / 3 })
        b.add("m", money: (0..<n).map { Decimal($0) / 100 - 50 })
        b.add("k", integers: (0..<n).map { $0 - 10 })
        b.add("flag", bools: (0..<n).map { $0 % 2 == 0 })
        b.add("name", .text) { .text($0 % 3 == 0 ? "a,\"b\"" : "plain") }
        let typed = b.table
        guard case .coded = typed.storage[1] else { Issue.record("status not coded"); return }
        guard case .cents = typed.storage[3] else { Issue.record("money not cents"); return }
        // Generic: every column as `.values`, rendered cell by cell.
        let generic = ResultTable(name: "units", columns: typed.columns, storage: typed.storage.map { .values($0.values) })
        let rt = AnalysisResult(plugin: "demo", version: "1", tables: [typed], summary: [], notes: [])
        let rg = AnalysisResult(plugin: "demo", version: "1", tables: [generic], summary: [], notes: [])
        #expect(try CSVRenderer.renderBytes(rt) == CSVRenderer.renderBytes(rg))
        #expect(try CSVRenderer.renderBytes(rt, digits: 2) == CSVRenderer.renderBytes(rg, digits: 2))
        #expect(JSONRenderer.renderBytes(rt) == JSONRenderer.renderBytes(rg))
        // Row-by-row reference for the CSV: the per-cell formatter over the materialised rows.
        var expected = "id,status,x,m,k,flag,name\n"
        for row in typed.rows { expected += row.map { CSVRenderer.cell($0) }.joined(separator: ",") + "\n" }
        #expect(try CSVRenderer.render(rt) == expected)
        let json = try JSONSerialization.jsonObject(with: Data(JSONRenderer.renderBytes(rt))) as! [String: Any]
        let units = json["units"] as! [[String: Any]]
        #expect(units.count == n)
        #expect(units[n - 1]["id"] as? String == "U\(n - 1)")
        #expect(units[5]["x"] is NSNull)
    }

    @Test func shapingSortsAndPicksTypedColumns() throws {
        let t = ResultTable(name: "units", columns: [ResultColumn("id", .text), ResultColumn("x")],
                            rows: [[.text("A"), .number(2)], [.text("B"), .missing], [.text("C"), .number(1)]])
        let shaped = try RenderOptions(columns: ["x", "id"], sort: SortKey(column: "x")).shape(t)
        #expect(shaped.rows == [[.number(1), .text("C")], [.number(2), .text("A")], [.missing, .text("B")]])
    }
}
