/// Renders a result and writes it: to a file atomically (``AtomicFile``), or to standard output
/// when `path` is nil or `-`; every write checked. CSV and JSON are rendered straight into one
/// byte buffer (``ByteSink``) that is written as it is; the other formats as text. xlsx is not
/// rendered here (the host writes it with TolokWorkbook).
public enum ResultOutput {
    public static func write(_ result: AnalysisResult, format: OutputFormat, table: String? = nil,
                             language: ReportLanguage = .en, options: RenderOptions = RenderOptions(), to path: String?) throws {
        let bytes = try format.renderBytes(result, table: table, language: language, options: options)
        if let path, path != "-" {
            try AtomicFile.write(bytes, to: path)
        } else {
            try AtomicFile.writeStandardOutput(bytes)
        }
    }
}

extension OutputFormat {
    /// ``render(_:table:language:options:)`` as UTF-8 bytes (the same bytes).
    public func renderBytes(_ result: AnalysisResult, table: String? = nil, language: ReportLanguage = .en,
                            options: RenderOptions = RenderOptions()) throws -> [UInt8] {
        switch self {
        case .csv:
            let (shaped, name) = try result.shaped(table: table, options)
            return try CSVRenderer.renderBytes(shaped, table: name, digits: options.digits, locale: options.locale)
        case .json: return JSONRenderer.renderBytes(result)
        default: return Array(try render(result, table: table, language: language, options: options).utf8)
        }
    }
}
