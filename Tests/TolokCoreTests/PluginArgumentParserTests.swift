import Testing
@testable import TolokCore

@Suite struct PluginArgumentParserTests {
    enum RTS: String, CaseIterable { case crs, vrs }

    let descriptor = PluginDescriptor(
        id: "demo", version: "1", summary: "demo",
        parameters: [
            ParameterSpec("inputs", .columns, required: true, summary: "inputs"),
            ParameterSpec("rts", .choice(["crs", "vrs"]), default: "crs", summary: "returns to scale"),
            ParameterSpec("super", .flag, summary: "super-efficiency"),
            ParameterSpec("alpha", .number, summary: "level"),
            ParameterSpec("draws", .integer, summary: "draws"),
        ],
        references: [])

    @Test func parsesAllForms() throws {
        let p = try PluginArgumentParser.parse(["--inputs", "a,b", "--rts=vrs", "--super", "--alpha", "0.05", "--draws", "10", "--inputs", "c"], for: descriptor)
        #expect(p.list("inputs") == ["a", "b", "c"])
        #expect(try p.choice("rts", as: RTS.self, default: .crs) == .vrs)
        #expect(p.flag("super"))
        #expect(p.number("alpha") == 0.05)
        #expect(p.integer("draws") == 10)
        #expect(p.values.map(\.name) == ["inputs", "rts", "super", "alpha", "draws"])
    }

    @Test func defaultsApply() throws {
        let p = try PluginArgumentParser.parse(["--inputs", "a"], for: descriptor)
        #expect(p.text("rts") == "crs")
        #expect(!p.flag("super"))
    }

    @Test func errorsNameTheOption() {
        func message(_ args: [String]) -> String {
            do { _ = try PluginArgumentParser.parse(args, for: descriptor); return "" } catch { return "\(error)" }
        }
        #expect(message([]).contains("missing required option --inputs"))
        #expect(message(["--inputs", "a", "--rts", "xyz"]).contains("expected one of crs, vrs"))
        #expect(message(["--inputs", "a", "--alpha", "x"]).contains("--alpha expects a finite number"))
        #expect(message(["--inputs", "a", "--alpha", "nan"]).contains("--alpha expects a finite number"))
        #expect(message(["--inputs", "a", "--bogus"]).contains("unknown option --bogus"))
        #expect(message(["--inputs"]).contains("--inputs needs a value"))
        #expect(message(["--inputs", "a,,b"]).contains("without empty items"))
        #expect(message(["stray"]).contains("unexpected argument"))
    }
}
