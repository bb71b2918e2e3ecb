import Testing
@testable import TolokCore

/// Typed option declarations: one declaration gives the descriptor's spec, the parse and the
/// typed read; an undeclared option cannot be read; numbers outside their bounds are usage errors.
@Suite struct PluginOptionTests {
    enum RTS: String, CaseIterable, Sendable { case crs, vrs, nirs, ndrs }

    struct DemoOptions: PluginOptions {
        let inputs = PluginOption.columns("inputs", values: .positive, help: "inputs")
        let rts = PluginOption.choice("rts", default: RTS.crs, aliases: ["drs": RTS.nirs], help: "returns to scale")
        let superEfficiency = PluginOption.flag("super", help: "super-efficiency")
        let target = PluginOption.number("target", default: 0.4, bounds: .share, help: "a share")
        let level = PluginOption.optionalNumber("level", bounds: .openUnit, help: "a level")
        let draws = PluginOption.integer("draws", default: 100, bounds: .atLeast(1), help: "draws")
        let group = PluginOption.optionalColumn("group-by", help: "groups")
        let buckets = PluginOption.list("buckets", default: ["30", "60"], help: "buckets")
    }

    struct OtherOptions: PluginOptions {
        let elsewhere = PluginOption.flag("elsewhere", help: "declared by another plugin")
    }

    static let options = DemoOptions()
    let descriptor = PluginDescriptor(id: "demo", version: "1", summary: "demo", options: PluginOptionTests.options, references: [])

    func parse(_ args: [String]) throws -> Parameters { try PluginArgumentParser.parse(args, for: descriptor) }

    @Test func theDescriptorIsTheDeclarationsInOrder() {
        #expect(descriptor.parameters.map(\.name) == ["inputs", "rts", "super", "target", "level", "draws", "group-by", "buckets"])
        let rts = descriptor.parameter("rts")
        #expect(rts?.defaultValue == "crs")
        #expect(rts?.kind == .choice(["crs", "vrs", "nirs", "ndrs", "drs"]))
        #expect(descriptor.parameter("inputs")?.required == true && descriptor.parameter("inputs")?.values == .positive)
        #expect(descriptor.parameter("target")?.defaultValue == "0.4" && descriptor.parameter("target")?.bounds == .share)
        #expect(descriptor.parameter("draws")?.defaultValue == "100")
    }

    @Test func typedReadsWithDefaults() throws {
        let o = Self.options
        let p = try parse(["--inputs", "a,b"])
        #expect(try p.value(o.inputs) == ["a", "b"])
        #expect(try p.value(o.rts) == .crs)
        #expect(try p.value(o.superEfficiency) == false)
        #expect(try p.value(o.target) == 0.4)
        #expect(try p.value(o.level) == nil)
        #expect(try p.value(o.draws) == 100)
        #expect(try p.value(o.group) == nil)
        #expect(try p.value(o.buckets) == ["30", "60"])
        let q = try parse(["--inputs", "a", "--rts", "drs", "--super", "--target", "1", "--level", "0.9", "--draws", "7",
                           "--group-by", "g", "--buckets", "5"])
        #expect(try q.value(o.rts) == .nirs)
        #expect(try q.value(o.superEfficiency) && q.value(o.target) == 1 && q.value(o.level) == 0.9)
        #expect(try q.value(o.draws) == 7 && q.value(o.group) == "g" && q.value(o.buckets) == ["5"])
    }

    @Test func readingAnUndeclaredOptionIsAnInternalError() throws {
        let p = try parse(["--inputs", "a"])
        let e = try #require(throws: InternalError.self) { try p.value(OtherOptions().elsewhere) }
        #expect(e.description.contains("--elsewhere is read but not declared"))
    }

    @Test func boundsAreCheckedWhenParsed() {
        func message(_ args: [String]) -> String {
            do { _ = try parse(["--inputs", "a"] + args); return "" } catch { return "\(error)" }
        }
        #expect(message(["--target", "0"]) == "option --target expects a number in (0, 1], got \"0\"")
        #expect(message(["--target", "1e-300"]) == "")
        #expect(message(["--target", "1.5"]) == "option --target expects a number in (0, 1], got \"1.5\"")
        #expect(message(["--level", "1"]) == "option --level expects a number in (0, 1), got \"1\"")
        #expect(message(["--draws", "0"]) == "option --draws expects a number ≥ 1, got \"0\"")
        #expect(message(["--target", "nan"]).contains("expects a finite number"))
    }

    @Test func tableBuilderKeepsHeadersWithValues() {
        var t = TableBuilder(ids: ["A", "B"], statuses: [.ok, .infeasible])
        t.add("score") { .number(Double($0) + 0.5) }
        t.add(each: ["x", "y"], prefix: "slack_") { row, k in .integer(10 * row + k) }
        let table = t.table
        #expect(table.columns.map(\.name) == ["id", "status", "score", "slack_x", "slack_y"])
        #expect(table.rows == [[.text("A"), .text("ok"), .number(0.5), .integer(0), .integer(1)],
                               [.text("B"), .text("infeasible"), .number(1.5), .integer(10), .integer(11)]])
    }

    @Test func distinctColumns() {
        #expect(throws: UsageError.self) { try requireDistinctColumns([("inputs", ["a"]), ("outputs", ["a"])]) }
        #expect(throws: UsageError.self) { try requireDistinctColumns([("inputs", ["a", "a"])]) }
        #expect(throws: Never.self) { try requireDistinctColumns([("inputs", ["a"]), ("outputs", ["b"])]) }
    }
}
