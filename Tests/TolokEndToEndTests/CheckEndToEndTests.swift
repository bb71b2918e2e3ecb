import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `tolok check` through the built executable: the bundled suite holds (exit 0) with valid
/// JUnit XML; a failing case exits 1 and is named; a malformed suite exits 2 with one located line.
@Suite struct CheckEndToEndTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    static var suite: String { TolokProcess.dataset("suite.yaml") }

    /// Counts JUnit elements with Foundation's XMLParser (which also proves the XML well formed).
    final class JUnitCounter: NSObject, XMLParserDelegate {
        var testcases: [String] = [], failures = 0, errors = 0, suites = 0
        var tests: String?
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch name {
            case "testsuites": tests = attributes["tests"]
            case "testsuite": suites += 1
            case "testcase": testcases.append(attributes["name"] ?? "")
            case "failure": failures += 1
            case "error": errors += 1
            default: break
            }
        }
    }

    func junit(_ path: String) throws -> JUnitCounter {
        let parser = XMLParser(data: try Data(contentsOf: URL(fileURLWithPath: path)))
        let counter = JUnitCounter()
        parser.delegate = counter
        #expect(parser.parse(), "JUnit XML does not parse: \(String(describing: parser.parserError))")
        return counter
    }

    @Test func bundledSuiteHoldsAndWritesJUnit() throws {
        let xml = folder.path("check.xml")
        let out = try TolokProcess.run(["check", Self.suite, "--junit", xml])
        #expect(out.status == 0, "\(out.stdout)\n\(out.stderr)")
        #expect(out.stdout.hasPrefix("case "))
        #expect(out.stdout.contains("hospitals-ccr-input"))
        #expect(out.stdout.contains(" 0 failed"))
        let counter = try junit(xml)
        #expect(counter.suites == 1)
        #expect(counter.testcases.count >= 50)
        #expect(counter.tests == "\(counter.testcases.count)")
        #expect(counter.failures == 0 && counter.errors == 0)
        #expect(counter.testcases.contains("plants-super-bcc-input"))
    }

    func writeSuite(_ body: String, name: String = "s.yaml") throws -> String {
        try folder.file(name, body.replacingOccurrences(of: "DATASETS", with: TolokProcess.repositoryRoot.appendingPathComponent("Datasets").path))
    }

    @Test func failingCaseExitsOneAndIsNamed() throws {
        let suite = try writeSuite("""
            cases:
              - name: plants-good
                plugin: dea
                data: DATASETS/power_plants_6.csv
                id: dmu
                args: --inputs x1_manpower,x2_construction_cost,x3_maintenance_cost,x4_villages_evacuated --outputs y1_power_mw,y2_safety_level --rts vrs --super
                reference: DATASETS/power_plants_6.expected.csv
                columns: {efficiency: super_bcc_input}
                status: {D4: infeasible, D6: infeasible, "*": ok}
              - name: plants-wrong
                plugin: dea
                data: DATASETS/power_plants_6.csv
                id: dmu
                args: --inputs x1_manpower,x2_construction_cost,x3_maintenance_cost,x4_villages_evacuated --outputs y1_power_mw,y2_safety_level --rts vrs --super
                columns:
                  efficiency: {values: {D1: 1.080435, D2: 2.9}, tolerance: printed}
                status: {D4: ok}
            """)
        let xml = folder.path("fail.xml")
        let out = try TolokProcess.run(["check", suite, "--junit", xml])
        #expect(out.status == 1, "\(out.stdout)\n\(out.stderr)")
        #expect(out.stderr.isEmpty, "\(out.stderr)")
        let lines = out.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("plants-good") && $0.hasSuffix("pass") })
        #expect(lines.contains { $0.hasPrefix("plants-wrong") && $0.hasSuffix("FAIL") })
        #expect(out.stdout.contains("efficiency[D2]: got 3"), "\(out.stdout)")
        #expect(out.stdout.contains("status[D4]: got infeasible, expected ok"))
        #expect(out.stdout.contains("1 passed, 1 failed"))
        let counter = try junit(xml)
        #expect(counter.testcases == ["plants-good", "plants-wrong"])
        #expect(counter.failures == 1)
    }

    @Test func caseThatCannotRunIsAnError() throws {
        let suite = try writeSuite("""
            cases:
              - name: no-data
                plugin: dea
                data: missing.csv
                args: --inputs a --outputs b
                status: ok
            """)
        let out = try TolokProcess.run(["check", suite])
        #expect(out.status == 1)
        #expect(out.stdout.contains("no-data: ERROR: "), "\(out.stdout)")
    }

    @Test func malformedSuiteExitsTwoWithOneLocatedLine() throws {
        let suite = try writeSuite("""
            cases:
              - name: a
                plugin: dea
                data: DATASETS/power_plants_6.csv
                columns:
                  efficiency: {values: [1], tolerence: printed}
            """)
        let out = try TolokProcess.run(["check", suite])
        #expect(out.status == 2)
        #expect(out.stdout.isEmpty)
        let lines = out.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(out.stderr)")
        #expect(out.stderr.contains("s.yaml:6: unknown key \"tolerence\""), "\(out.stderr)")
        let broken = try writeSuite("cases:\n  - name: [a\n", name: "broken.yaml")
        let yaml = try TolokProcess.run(["check", broken])
        #expect(yaml.status == 2 && yaml.stderr.split(separator: "\n").count == 1 && yaml.stderr.contains("broken.yaml:"), "\(yaml.stderr)")
        let json = try writeSuite("{\"cases\": [\n {\"name\": \"a\", \"plugin\": \"dea\",\n \"data\": 3}]}", name: "s.json")
        let j = try TolokProcess.run(["check", json])
        #expect(j.status == 2 && j.stderr.contains("s.json:2: case \"a\" checks nothing"), "\(j.stderr)")
    }

    @Test func jsonSuiteWithSummaryValues() throws {
        let suite = try writeSuite("""
            {"suite": "json-demo", "cases": [
              {"name": "eg1", "plugin": "sfa", "data": "DATASETS/front41_eg1_logs.csv", "id": "firm",
               "args": ["--y", "ly", "--x", "lk,ll"],
               "summary": {"status": "converged", "gamma": {"value": 0.7972073, "tolerance": {"relative": 1e-5}}},
               "status": "ok"}]}
            """, name: "demo.json")
        let out = try TolokProcess.run(["check", suite])
        #expect(out.status == 0, "\(out.stdout)\n\(out.stderr)")
        #expect(out.stdout.contains("json-demo: 1 cases, 62 values"), "\(out.stdout)")
    }
}
