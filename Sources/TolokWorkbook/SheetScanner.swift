/// A byte-level reader of worksheet XML, for speed (Foundation's `XMLParser` makes a `String`
/// and a dictionary for every element of a 100,000-row sheet). It handles what worksheets
/// contain: UTF-8 text, start, end and empty-element tags with quoted attributes, the five
/// predefined entities and character references, comments, processing instructions and CDATA.
/// Anything else (a DOCTYPE, another encoding, an unknown entity, invalid UTF-8, malformed
/// markup) makes it return false, and the caller reads the sheet with `XMLParser` instead.
enum SheetScanner {
    static let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), slash = UInt8(ascii: "/"), amp = UInt8(ascii: "&")
    static let question = UInt8(ascii: "?"), bang = UInt8(ascii: "!"), equals = UInt8(ascii: "="), colon = UInt8(ascii: ":")
    static let quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'")

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// Feeds `sheet`'s state machine; false when the bytes need the full parser (the sheet's
    /// state is then to be reset). A failure the sheet reports stops the scan (returns true).
    static func scan(_ bytes: UnsafeRawBufferPointer, into sheet: SheetParser) -> Bool {
        let b = bytes.bindMemory(to: UInt8.self)
        let n = b.count
        var i = 0
        // A UTF-8 byte-order mark; a UTF-16 one means another encoding.
        if n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
        if n >= 2, (b[0] == 0xFE && b[1] == 0xFF) || (b[0] == 0xFF && b[1] == 0xFE) { return false }
        var depth = 0
        while i < n {
            if b[i] != lt {
                // Text up to the next tag.
                var j = i
                while j < n, b[j] != lt { j += 1 }
                if sheet.collecting {
                    guard let text = decodeText(b, i, j) else { return false }
                    sheet.text += text
                }
                i = j
                continue
            }
            guard i + 1 < n else { return false }
            let next = b[i + 1]
            if next == question {
                // A processing instruction or the XML declaration: only UTF-8 is read here.
                guard let close = find(b, "?>", from: i + 2) else { return false }
                let declaration = String(decoding: UnsafeBufferPointer(rebasing: b[i..<close]), as: UTF8.self).lowercased()
                if declaration.hasPrefix("<?xml"), let r = declaration.range(of: "encoding") {
                    let rest = declaration[r.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
                    if !rest.hasPrefix("utf-8") && !rest.hasPrefix("utf8") { return false }
                }
                i = close + 2
                continue
            }
            if next == bang {
                if matches(b, "<!--", at: i) {
                    guard let close = find(b, "-->", from: i + 4) else { return false }
                    i = close + 3
                    continue
                }
                if matches(b, "<![CDATA[", at: i) {
                    guard let close = find(b, "]]>", from: i + 9) else { return false }
                    if sheet.collecting {
                        guard let text = String(validating: UnsafeBufferPointer(rebasing: b[(i + 9)..<close]), as: UTF8.self) else { return false }
                        sheet.text += text
                    }
                    i = close + 3
                    continue
                }
                return false  // DOCTYPE and the like
            }
            if next == slash {
                // An end tag.
                var j = i + 2
                let nameStart = j
                while j < n, b[j] != gt, !isSpace(b[j]) { j += 1 }
                let name = localName(b, nameStart, j)
                while j < n, b[j] != gt { j += 1 }
                guard j < n, !name.isEmpty else { return false }
                depth -= 1
                if !sheet.end(name) { return true }
                i = j + 1
                continue
            }
            // A start or empty-element tag.
            var j = i + 1
            let nameStart = j
            while j < n, b[j] != gt, b[j] != slash, !isSpace(b[j]) { j += 1 }
            let name = localName(b, nameStart, j)
            guard !name.isEmpty else { return false }
            var attributes: [(Substring, String)] = []
            let wanted = name == "c" || name == "row"
            var selfClosing = false
            while true {
                while j < n, isSpace(b[j]) { j += 1 }
                guard j < n else { return false }
                if b[j] == gt { j += 1; break }
                if b[j] == slash {
                    guard j + 1 < n, b[j + 1] == gt else { return false }
                    selfClosing = true
                    j += 2
                    break
                }
                let attrStart = j
                while j < n, b[j] != equals, !isSpace(b[j]), b[j] != gt { j += 1 }
                let attrEnd = j
                while j < n, isSpace(b[j]) { j += 1 }
                guard j < n, b[j] == equals else { return false }
                j += 1
                while j < n, isSpace(b[j]) { j += 1 }
                guard j < n, b[j] == quote || b[j] == apostrophe else { return false }
                let q = b[j]
                j += 1
                let valueStart = j
                while j < n, b[j] != q { j += 1 }
                guard j < n else { return false }
                if wanted {
                    let attrName = localName(b, attrStart, attrEnd)
                    if attrName == "r" || attrName == "t" || attrName == "s" {
                        // Prefixed attributes (x:r) are other namespaces' in a worksheet: only plain names count.
                        if attrEnd - attrStart == attrName.utf8.count {
                            guard let value = decodeText(b, valueStart, j) else { return false }
                            attributes.append((attrName, value))
                        }
                    }
                }
                j += 1
            }
            depth += 1
            sheet.start(name) { key in attributes.first { $0.0 == key }?.1 }
            if selfClosing {
                depth -= 1
                if !sheet.end(name) { return true }
            }
            i = j
        }
        return depth == 0
    }

    /// The name after any namespace prefix, as text (element names are ASCII in practice).
    static func localName(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Substring {
        var s = start
        for k in start..<end where b[k] == colon { s = k + 1 }
        return Substring(String(decoding: UnsafeBufferPointer(rebasing: b[s..<end]), as: UTF8.self))
    }

    static func matches(_ b: UnsafeBufferPointer<UInt8>, _ literal: StaticString, at i: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard i + count <= b.count else { return false }
        let p = literal.utf8Start
        for k in 0..<count where b[i + k] != p[k] { return false }
        return true
    }

    static func find(_ b: UnsafeBufferPointer<UInt8>, _ literal: StaticString, from start: Int) -> Int? {
        var i = start
        let first = literal.utf8Start[0]
        while i < b.count {
            if b[i] == first, matches(b, literal, at: i) { return i }
            i += 1
        }
        return nil
    }

    /// Text with entities and character references decoded; nil for invalid UTF-8 or an entity
    /// the scanner does not know.
    static func decodeText(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String? {
        var hasEntity = false
        for k in start..<end where b[k] == amp { hasEntity = true; break }
        guard hasEntity else { return String(validating: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self) }
        var out = String()
        var k = start, runStart = start
        while k < end {
            guard b[k] == amp else { k += 1; continue }
            guard let run = String(validating: UnsafeBufferPointer(rebasing: b[runStart..<k]), as: UTF8.self) else { return nil }
            out += run
            var semi = k + 1
            while semi < end, semi - k <= 10, b[semi] != UInt8(ascii: ";") { semi += 1 }
            guard semi < end, b[semi] == UInt8(ascii: ";") else { return nil }
            let entity = String(decoding: UnsafeBufferPointer(rebasing: b[(k + 1)..<semi]), as: UTF8.self)
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                guard entity.hasPrefix("#") else { return nil }
                let digits = entity.dropFirst()
                let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
                guard let value, let scalar = Unicode.Scalar(value) else { return nil }
                out.unicodeScalars.append(scalar)
            }
            k = semi + 1
            runStart = k
        }
        guard let run = String(validating: UnsafeBufferPointer(rebasing: b[runStart..<end]), as: UTF8.self) else { return nil }
        return out + run
    }
}
