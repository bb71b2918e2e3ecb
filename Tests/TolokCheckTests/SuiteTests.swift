import Foundation
import Testing
import TolokCheck
import TolokCore

/// Suite parsing, tolerances and the located errors of `tolok check` (no plugin runs here; the
/// end-to-end tests run suites through the executable).
@Suite struct SuiteTests {
    @Test func printedDecimalsAreReadOffTheText() {
        #expect(Tolerance.printedDecimals("0.882708") == 6)
        #expect(Tolerance.printedDecimals("1.000000") == 6)
        #expect(Tolerance.printedDecimals("2") == 0)
        #expect(Tolerance.printedDecimals("-0.5") == 1)
        #expect(Tolerance.printedDecimals("1.5e-05") == 6)
        #expect(Tolerance.printedDecimals("2.403158E-8") == 14)
        #expect(Tolerance.printedDecimals("1e3") == -3)
        #expect(Tolerance.printedDecimals("abc") == nil)
    }

    @Test func printedToleranceIsHalfTheLastDigit() {
        let t = Tolerance(printed: true)
        let b = t.bound(reference: 0.882708, text: "0.882708")
        #expect(b >= 5e-7 && b < 5.0001e-7)
        #expect(abs(0.8827084999 - 0.882708) <= b)
        #expect(abs(0.8827085001 - 0.882708) > b)
        // Exactly on the rounding boundary holds (the epsilon).
        #expect(abs(0.8827085 - 0.882708) <= b)
        #expect(t.bound(reference: 2, text: "2.0") == 0.05 + 0.05 * 1e-9 + 4 * (2.0).ulp)
    }

    @Test func boundsCombineByMaximum() {
        let t = Tolerance(absolute: 1e-12, relative: 1e-9)
        #expect(t.bound(reference: 0, text: "0") == 1e-12)
        #expect(t.bound(reference: 1000, text: "1000") == 1e-9 * 1000)
        #expect(Tolerance.exact.bound(reference: 3, text: "3") == 0)
    }

    func parse(_ yaml: String) throws -> CheckSuite {
        try SuiteParser.parse(try SuiteDocument.parse(yaml, source: "s.yaml", json: false), path: "/tmp/s.yaml")
    }

    func error(_ yaml: String) -> SuiteError? {
        do { _ = try parse(yaml); return nil } catch let e as SuiteError { return e } catch { return nil }
    }

    @Test func parsesACase() throws {
        let s = try parse("""
            suite: demo
            defaults: {tolerance: printed}
            cases:
              - name: hospitals
                plugin: dea
                data: h.csv
                id: dmu
                args: --inputs a,b --outputs "c d"
                reference: {file: h.expected.csv, key: dmu}
                columns:
                  efficiency: ccr_input
                  scale_efficiency: {from: scale, tolerance: abs 1e-6}
                status: {D4: infeasible, "*": ok}
            """)
        #expect(s.name == "demo")
        let c = try #require(s.cases.first)
        #expect(c.arguments == ["--inputs", "a,b", "--outputs", "c d"])
        #expect(c.data == "/tmp/h.csv")
        #expect(c.columns.map(\.column) == ["efficiency", "scale_efficiency"])
        #expect(c.columns[0].tolerance == Tolerance(printed: true))
        #expect(c.columns[1].tolerance == Tolerance(absolute: 1e-6))
        #expect(c.statuses.map(\.0) == ["D4", "*"])
    }

    @Test func malformedSuitesNameTheLine() {
        let unknown = error("""
            cases:
              - name: a
                plugin: dea
                data: d.csv
                tolerence: printed
            """)
        #expect(unknown?.line == 5)
        #expect(unknown?.description.hasPrefix("/tmp/s.yaml:5: unknown key \"tolerence\"") == true)
        let missing = error("""
            cases:
              - name: a
                data: d.csv
                status: ok
            """)
        #expect(missing?.line == 2)
        #expect(missing?.message.contains("needs \"plugin\"") == true)
        let badTolerance = error("""
            cases:
              - name: a
                plugin: dea
                data: d.csv
                columns: {efficiency: {values: [1], tolerance: rel}}
            """)
        #expect(badTolerance?.line == 5)
        let yaml = error("cases:\n  - name: [a\n")
        #expect(yaml != nil && yaml!.line > 0)
        let status = error("cases:\n  - {name: a, plugin: dea, data: d.csv, status: fine}\n")
        #expect(status?.message.contains("unknown status \"fine\"") == true)
    }

    @Test func jsonKeepsNumberTextAndLines() throws {
        let node = try SuiteDocument.parse("{\n \"a\": 1.500,\n \"b\": [1e-05, null, \"x\\u00e9\"]\n}", source: "r.json", json: true)
        #expect(node["a"]?.text == "1.500")
        #expect(node["a"]?.line == 2)
        #expect(node["b"]?.items?.map(\.text) == ["1e-05", nil, "xé"])
        #expect(throws: SuiteError.self) { try SuiteDocument.parse("{\"a\": 1,\n \"a\": 2}", source: "r.json", json: true) }
        do {
            _ = try SuiteDocument.parse("{\"a\": 1,\n\n  \"b\": tru}", source: "r.json", json: true)
        } catch let e as SuiteError {
            #expect(e.line == 3)
        }
    }

    @Test func argumentsSplitLikeAShell() {
        #expect(SuiteParser.splitArguments("--x a,b  --y 'c d' --z=\"e\"") == ["--x", "a,b", "--y", "c d", "--z=e"])
    }
}

/// The bundled suite `Datasets/suite.yaml` parses and references every `*.expected.*` file of
/// `Datasets/` (a new reference file without a case fails here).
@Suite struct BundledSuiteCoverageTests {
    static let datasets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Datasets")

    @Test func everyExpectedFileIsReferenced() throws {
        let suite = try SuiteParser.load(path: Self.datasets.appendingPathComponent("suite.yaml").path)
        var referenced = Set<String>()
        for c in suite.cases {
            switch c.reference {
            case .csv(let path, _)?, .json(let path, _)?: referenced.insert(URL(fileURLWithPath: path).standardizedFileURL.path)
            case nil: break
            }
        }
        var expected: [String] = []
        let walker = FileManager.default.enumerator(at: Self.datasets, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            if url.lastPathComponent.contains(".expected.") { expected.append(url.standardizedFileURL.path) }
        }
        #expect(expected.count >= 19)
        for file in expected.sorted() {
            #expect(referenced.contains(file), "Datasets/suite.yaml has no case with reference \(URL(fileURLWithPath: file).lastPathComponent)")
        }
        for c in suite.cases {
            #expect(FileManager.default.fileExists(atPath: c.data), "case \(c.name): no data file \(c.data)")
        }
    }
}
