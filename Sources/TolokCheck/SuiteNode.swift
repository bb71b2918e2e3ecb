import Foundation
import TolokCore
import Yams

/// A parsed JSON or YAML document that keeps what `tolok check` needs and the generic decoders
/// lose: the text of every scalar (so a reference printed as `0.882708` is known to carry six
/// decimals), the order of mapping keys, and the line of every node (for located errors).
public struct SuiteNode: Sendable {
    public enum Kind: Sendable {
        /// A scalar as written (numbers keep their literal text); `quoted` for JSON strings
        /// and quoted YAML scalars.
        case scalar(String, quoted: Bool)
        case mapping([(key: String, value: SuiteNode)])
        case sequence([SuiteNode])
        case null
    }

    public var kind: Kind
    /// 1-based line of the node in its file (0 when unknown).
    public var line: Int

    public init(_ kind: Kind, line: Int) {
        self.kind = kind
        self.line = line
    }

    /// The scalar text, for scalars.
    public var text: String? {
        if case .scalar(let s, _) = kind { return s }
        return nil
    }

    public var isNull: Bool {
        if case .null = kind { return true }
        return false
    }

    /// Mapping entries in document order, for mappings.
    public var entries: [(key: String, value: SuiteNode)]? {
        if case .mapping(let e) = kind { return e }
        return nil
    }

    public var items: [SuiteNode]? {
        if case .sequence(let s) = kind { return s }
        return nil
    }

    /// The value of a mapping key.
    public subscript(key: String) -> SuiteNode? {
        entries?.first { $0.key == key }?.value
    }

    /// What the node is, for messages.
    public var kindName: String {
        switch kind {
        case .scalar: return "a scalar"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .null: return "null"
        }
    }
}

/// A malformed suite or reference document: one line, `FILE:LINE: message`. Exit status 2.
public struct SuiteError: UserFacingError, Equatable {
    public var file: String
    public var line: Int
    public var message: String
    public var kind: FailureKind { .usage }

    public init(file: String, line: Int, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
    }
}

public enum SuiteDocument {
    /// Parses a file as JSON (by extension `.json`) or YAML (anything else).
    public static func load(path: String) throws -> SuiteNode {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SuiteError(file: path, line: 0, "cannot read the file (\(FileManager.default.fileExists(atPath: path) ? "not UTF-8 text" : "no such file"))")
        }
        return try parse(text, source: path, json: path.lowercased().hasSuffix(".json"))
    }

    public static func parse(_ text: String, source: String, json: Bool) throws -> SuiteNode {
        if json {
            var parser = JSONTextParser(text: text, source: source)
            return try parser.document()
        }
        return try YAMLConversion.parse(text, source: source)
    }
}

// MARK: YAML (Yams)

enum YAMLConversion {
    static func parse(_ text: String, source: String) throws -> SuiteNode {
        let node: Yams.Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw SuiteError(file: source, line: line(of: error), message(of: error))
        } catch {
            throw SuiteError(file: source, line: 0, "not valid YAML: \(error)")
        }
        guard let node else { return SuiteNode(.null, line: 1) }
        return try convert(node, source: source)
    }

    static func convert(_ node: Yams.Node, source: String) throws -> SuiteNode {
        let line = node.mark?.line ?? 0
        switch node {
        case .scalar(let s):
            if s.style == .plain, ["", "~", "null", "Null", "NULL"].contains(s.string) { return SuiteNode(.null, line: line) }
            return SuiteNode(.scalar(s.string, quoted: s.style != .plain), line: line)
        case .mapping(let m):
            var entries: [(key: String, value: SuiteNode)] = []
            for (k, v) in m {
                guard case .scalar(let ks) = k else { throw SuiteError(file: source, line: k.mark?.line ?? line, "mapping keys must be plain text") }
                if entries.contains(where: { $0.key == ks.string }) {
                    throw SuiteError(file: source, line: k.mark?.line ?? line, "duplicate key \"\(ks.string)\"")
                }
                entries.append((ks.string, try convert(v, source: source)))
            }
            return SuiteNode(.mapping(entries), line: line)
        case .sequence(let s):
            return SuiteNode(.sequence(try s.map { try convert($0, source: source) }), line: line)
        case .alias:
            throw SuiteError(file: source, line: line, "YAML aliases are not supported in suites")
        }
    }

    static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        case .reader(_, _, _, _): return 0
        default: return 0
        }
    }

    static func message(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return "not valid YAML: \(problem)"
        default: return "not valid YAML: \(error)"
        }
    }
}

// MARK: JSON (own parser: keeps number literals and lines)

struct JSONTextParser {
    let bytes: [UInt8]
    let source: String
    var i = 0
    var line = 1

    init(text: String, source: String) {
        var b = Array(text.utf8)
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { b.removeFirst(3) }
        bytes = b
        self.source = source
    }

    func fail(_ message: String) -> SuiteError { SuiteError(file: source, line: line, "not valid JSON: \(message)") }

    mutating func document() throws -> SuiteNode {
        skipSpace()
        let v = try value()
        skipSpace()
        guard i == bytes.count else { throw fail("unexpected text after the document") }
        return v
    }

    mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x0A: line += 1; i += 1
            case 0x20, 0x09, 0x0D: i += 1
            default: return
            }
        }
    }

    mutating func value() throws -> SuiteNode {
        guard i < bytes.count else { throw fail("unexpected end of the document") }
        let start = line
        switch bytes[i] {
        case UInt8(ascii: "{"):
            i += 1
            var entries: [(key: String, value: SuiteNode)] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return SuiteNode(.mapping(entries), line: start) }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a quoted key") }
                let keyLine = line
                let key = try string()
                if entries.contains(where: { $0.key == key }) { throw SuiteError(file: source, line: keyLine, "duplicate key \"\(key)\"") }
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':' after key \"\(key)\"") }
                i += 1
                skipSpace()
                entries.append((key, try value()))
                skipSpace()
                guard i < bytes.count else { throw fail("unterminated object") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return SuiteNode(.mapping(entries), line: start) }
                throw fail("expected ',' or '}'")
            }
        case UInt8(ascii: "["):
            i += 1
            var items: [SuiteNode] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return SuiteNode(.sequence(items), line: start) }
            while true {
                skipSpace()
                items.append(try value())
                skipSpace()
                guard i < bytes.count else { throw fail("unterminated array") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "]") { i += 1; return SuiteNode(.sequence(items), line: start) }
                throw fail("expected ',' or ']'")
            }
        case UInt8(ascii: "\""):
            return SuiteNode(.scalar(try string(), quoted: true), line: start)
        default:
            let from = i
            while i < bytes.count, !(" \t\r\n,]}:".utf8.contains(bytes[i])) { i += 1 }
            let word = String(decoding: bytes[from..<i], as: UTF8.self)
            switch word {
            case "null": return SuiteNode(.null, line: start)
            case "true", "false": return SuiteNode(.scalar(word, quoted: false), line: start)
            default:
                guard !word.isEmpty, Double(word) != nil, word.first != "+" else { throw fail("unexpected \"\(word.isEmpty ? String(UnicodeScalar(bytes[i])) : word)\"") }
                return SuiteNode(.scalar(word, quoted: false), line: start)
            }
        }
    }

    mutating func string() throws -> String {
        i += 1  // opening quote
        var out = [UInt8]()
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") { i += 1; return String(decoding: out, as: UTF8.self) }
            if c == 0x0A { throw fail("line break inside a string") }
            if c == UInt8(ascii: "\\") {
                i += 1
                guard i < bytes.count else { break }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    guard i + 4 <= bytes.count, var code = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16) else {
                        throw fail("bad \\u escape")
                    }
                    i += 4
                    if (0xD800..<0xDC00).contains(code), i + 6 <= bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u"),
                       let low = UInt32(String(decoding: bytes[i + 2..<i + 6], as: UTF8.self), radix: 16), (0xDC00..<0xE000).contains(low) {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                    out.append(contentsOf: Array(String(UnicodeScalar(code).map(Character.init) ?? "\u{FFFD}").utf8))
                default: out.append(e)  // \" \\ \/
                }
                continue
            }
            out.append(c)
            i += 1
        }
        throw fail("unterminated string")
    }
}
