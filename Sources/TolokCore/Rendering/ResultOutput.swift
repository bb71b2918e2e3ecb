/// Renders a result and writes it: to a file atomically (``AtomicFile``), or to standard output
/// when `path` is nil or `-`; every write checked. CSV and JSON are rendered straight into one
/// byte buffer (``ByteSink``) that is written as it is; the other formats as text.
public enum ResultOutput {
    public static func write(_ result: AnalysisResult, format: OutputFormat, table: String? = nil,
                             language: ReportLanguage = .en, to path: String?) throws {
        let bytes = try format.renderBytes(result, table: table, language: language)
        if let path, path != "-" {
            try AtomicFile.write(bytes, to: path)
        } else {
            try AtomicFile.writeStandardOutput(bytes)
        }
    }
}

extension OutputFormat {
    /// ``render(_:table:language:)`` as UTF-8 bytes (the same bytes).
    public func renderBytes(_ result: AnalysisResult, table: String? = nil, language: ReportLanguage = .en) throws -> [UInt8] {
        switch self {
        case .csv: return try CSVRenderer.renderBytes(result, table: table)
        case .json: return JSONRenderer.renderBytes(result)
        default: return Array(try render(result, table: table, language: language).utf8)
        }
    }
}
