import Foundation
import Testing

/// Every example printed by `tolok --help` and every `tolok …` command in README.md's shell
/// blocks runs as printed (from the repository root) and exits 0.
@Suite struct ExamplesEndToEndTests {
    /// Splits a command line at blanks (the examples use no quoting).
    static func words(_ line: String) -> [String] { line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) }

    /// `tolok …` lines of the README's ```sh blocks: continuation lines joined, comments
    /// dropped; lines with placeholders (`<plugin>`, `FILE`, `[…]`) are syntax, not examples.
    static func readmeExamples() throws -> [String] {
        let text = try String(contentsOf: TolokProcess.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        var examples: [String] = [], inBlock = false, pending = ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if raw.hasPrefix("```") { inBlock = raw == "```sh"; pending = ""; continue }
            guard inBlock else { continue }
            var line = raw
            if let hash = line.range(of: " #") ?? (line.hasPrefix("#") ? line.range(of: "#") : nil) { line = String(line[..<hash.lowerBound]) }
            line = line.trimmingCharacters(in: .whitespaces)
            if line.hasSuffix("\\") { pending += String(line.dropLast()) + " "; continue }
            line = (pending + line).trimmingCharacters(in: .whitespaces)
            pending = ""
            guard line.hasPrefix("tolok ") else { continue }
            if line.contains("<") || line.contains("[") || line.contains(" FILE") || line.contains("|") { continue }
            examples.append(line)
        }
        return examples
    }

    static func helpExamples() throws -> [String] {
        let help = try TolokProcess.run(["--help"])
        let lines = help.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let start = lines.firstIndex(where: { $0.hasPrefix("Examples") }) else { return [] }
        // Commands, with `\` continuation lines joined (as a shell would).
        var examples: [String] = [], pending = ""
        for line in lines[(start + 1)...] {
            if pending.isEmpty && !line.hasPrefix("tolok ") { break }
            if line.hasSuffix("\\") { pending += String(line.dropLast()) + " "; continue }
            examples.append((pending + line).trimmingCharacters(in: .whitespaces))
            pending = ""
        }
        return examples
    }

    func run(_ example: String) throws {
        var args = Self.words(example)
        args.removeFirst()
        let out = try TolokProcess.run(args, in: TolokProcess.repositoryRoot)
        #expect(out.status == 0, "`\(example)` exited \(out.status): \(out.stderr)")
        #expect(!out.stdout.isEmpty, "`\(example)` printed nothing")
    }

    @Test func helpExamplesRunAsPrinted() throws {
        let examples = try Self.helpExamples()
        #expect(examples.count >= 5, "\(examples)")
        // As printed: no example is wrapped by the help formatter (80 columns without a terminal).
        let help = try TolokProcess.run(["--help"]).stdout
        #expect(help.split(separator: "\n").allSatisfy { !$0.hasPrefix("x1_doctors") }, "\(help)")
        for e in examples { try run(e) }
    }

    @Test func readmeExamplesRunAsPrinted() throws {
        let examples = try Self.readmeExamples()
        #expect(examples.count >= 20, "\(examples.count) examples")
        #expect(examples.contains { $0.hasPrefix("tolok check ") })
        #expect(examples.contains { $0.contains("--generate-completion-script") })
        for e in examples { try run(e) }
    }
}

/// The README's example suite (its ```yaml block) holds when run on the bundled datasets.
@Suite struct ReadmeSuiteExampleTests {
    @Test func readmeSuiteHolds() throws {
        let text = try String(contentsOf: TolokProcess.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = text.range(of: "```yaml\n"), let end = text.range(of: "```", range: start.upperBound..<text.endIndex) else {
            Issue.record("README.md has no ```yaml block")
            return
        }
        let datasets = TolokProcess.repositoryRoot.appendingPathComponent("Datasets").path
        var yaml = String(text[start.upperBound..<end.lowerBound])
        for key in ["data: ", "reference: "] { yaml = yaml.replacingOccurrences(of: key, with: key + datasets + "/") }
        let folder = try TemporaryFolder()
        let out = try TolokProcess.run(["check", try folder.file("readme.yaml", yaml)])
        #expect(out.status == 0, "\(out.stdout)\n\(out.stderr)")
        #expect(out.stdout.contains("2 passed, 0 failed"), "\(out.stdout)")
    }
}
