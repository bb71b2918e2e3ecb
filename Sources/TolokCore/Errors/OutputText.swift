import Foundation

/// Short, printable excerpts of text that came from outside (a plugin's message, a cell).
public enum OutputText {
    /// At most `limit` characters, control characters escaped, "…" when cut.
    public static func excerpt(_ s: String, limit: Int = 80) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            if out.count >= limit { return out + "…" }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f { out += String(format: "\\x%02x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
