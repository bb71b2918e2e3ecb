import CTolokPluginABI
import Foundation
import TolokCore

/// The child side of ``PluginProcess``: `tolok plugin-host describe|run LIBRARY`.
///
/// Before the library is loaded, standard output is kept (duplicated) for the one reply frame
/// and then pointed at standard error, so that whatever the plugin prints never reaches the
/// reply; the host collects standard error apart. The request is read from standard input.
public enum PluginHost {
    /// Serves one request and returns the process exit status.
    public static func serve(mode: PluginProcess.Mode, library: String) -> Int32 {
        let replyFD = dup(STDOUT_FILENO)
        guard replyFD >= 0, dup2(STDERR_FILENO, STDOUT_FILENO) >= 0 else { return 1 }
        func send(_ status: Int32, _ payload: [UInt8]) -> Int32 {
            let frame = PluginProcess.reply(status: status, payload: payload)
            var offset = 0
            while offset < frame.count {
                let n = frame.withUnsafeBufferPointer { Foundation.write(replyFD, $0.baseAddress! + offset, frame.count - offset) }
                if n < 0 { if errno == EINTR { continue }; return 1 }
                offset += n
            }
            close(replyFD)
            return 0
        }
        let loaded: LoadedLibrary
        do {
            guard let l = try LoadedLibrary(path: library) else {
                return send(TOLOK_PLUGIN_INPUT_ERROR, Array("not a Tolok plugin (no \(TOLOK_PLUGIN_ENTRY_SYMBOL) symbol)".utf8))
            }
            loaded = l
        } catch {
            return send(TOLOK_PLUGIN_INPUT_ERROR, Array("\(error)".utf8))
        }
        switch mode {
        case .describe:
            return send(TOLOK_PLUGIN_OK, Array(loaded.descriptorJSON.utf8))
        case .run:
            let input = PluginProcess.readAll(FileHandle.standardInput)
            guard let request = PluginRequest(decoding: input) else {
                return send(TOLOK_PLUGIN_FAILURE, Array("the request from the host was incomplete".utf8))
            }
            let (status, text) = loaded.run(request)
            return send(status, Array(text.utf8))
        }
    }
}

/// A plugin library opened in this process (the plugin host child only).
struct LoadedLibrary {
    let table: UnsafePointer<tolok_plugin_v1>
    let descriptorJSON: String

    /// `nil` when the library exports no entry point (not a plugin).
    init?(path: String) throws {
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            throw UsageError("cannot load: \(dlerror().map { String(cString: $0) } ?? "unknown error")")
        }
        guard let symbol = dlsym(handle, TOLOK_PLUGIN_ENTRY_SYMBOL) else {
            dlclose(handle)
            return nil
        }
        typealias Entry = @convention(c) () -> UnsafeRawPointer?
        let entry = unsafeBitCast(symbol, to: Entry.self)
        guard let raw = entry() else { throw UsageError("plugin entry returned no function table") }
        // The version is the first field in every ABI version.
        let version = raw.load(as: UInt32.self)
        guard version == TOLOK_PLUGIN_ABI_VERSION else {
            throw UsageError("plugin ABI version \(version) is not supported (this tolok speaks ABI version \(TOLOK_PLUGIN_ABI_VERSION)); rebuild the plugin against tolok_plugin.h version \(TOLOK_PLUGIN_ABI_VERSION)")
        }
        let table = raw.assumingMemoryBound(to: tolok_plugin_v1.self)
        guard let describe = table.pointee.descriptor_json, let text = describe(),
              table.pointee.run != nil, table.pointee.free_string != nil else {
            throw UsageError("plugin function table is incomplete")
        }
        self.table = table
        descriptorJSON = String(cString: text)
    }

    /// Calls the plugin's `run`: its status and its result document or message.
    func run(_ request: PluginRequest) -> (Int32, String) {
        var status: Int32 = TOLOK_PLUGIN_FAILURE
        var resultText: UnsafeMutablePointer<CChar>?
        var errorText: UnsafeMutablePointer<CChar>?
        let h = request.header
        withCStrings(h.columns) { names in
            withCStrings(h.ids) { idPointers in
                request.values.withUnsafeBufferPointer { valueBuffer in
                    h.rowLines.withUnsafeBufferPointer { lineBuffer in
                        h.source.withCString { source in
                            withOptionalCString(h.idColumn) { idColumn in
                                var t = tolok_table(row_count: h.rows, column_count: h.columns.count, column_names: names,
                                                    values: valueBuffer.baseAddress, ids: idPointers, id_column: idColumn,
                                                    row_lines: lineBuffer.baseAddress, source: source)
                                status = table.pointee.run(&t, h.parameters, &resultText, &errorText)
                            }
                        }
                    }
                }
            }
        }
        defer {
            if let resultText { table.pointee.free_string(resultText) }
            if let errorText { table.pointee.free_string(errorText) }
        }
        if status == TOLOK_PLUGIN_OK {
            return resultText.map { (status, String(cString: $0)) } ?? (TOLOK_PLUGIN_FAILURE, "it returned OK without a result")
        }
        return (status, errorText.map { String(cString: $0) } ?? "no message")
    }
}

/// The data and parameters of one plugin run, as sent to the plugin host: a magic line, the
/// length of a JSON header, the header, then the column-major doubles (little-endian).
struct PluginRequest {
    static let magic: [UInt8] = Array("TOLOKQ1\n".utf8)

    /// Everything but the numbers.
    struct Header: Codable {
        var rows: Int
        var columns: [String]
        var ids: [String]
        var idColumn: String?
        var rowLines: [Int64]
        var source: String
        /// The parameters as the JSON object the ABI passes to `run`.
        var parameters: String
    }

    var header: Header
    /// `rows × columns.count` values, column-major; NaN for a missing cell.
    var values: [Double]

    func encoded() throws -> [UInt8] {
        let json = try JSONEncoder().encode(header)
        var out = Self.magic
        out.reserveCapacity(out.count + 8 + json.count + values.count * 8)
        let n = UInt64(json.count)
        for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: n >> (8 * UInt64(k)))) }
        out += json
        values.withUnsafeBytes { out += $0 }
        return out
    }

    init(header: Header, values: [Double]) {
        self.header = header
        self.values = values
    }

    init?(decoding bytes: [UInt8]) {
        let m = Self.magic.count
        guard bytes.count >= m + 8, Array(bytes[0..<m]) == Self.magic else { return nil }
        let length = Int(bytes[m..<m + 8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        guard bytes.count >= m + 8 + length,
              let h = try? JSONDecoder().decode(Header.self, from: Data(bytes[(m + 8)..<(m + 8 + length)])) else { return nil }
        let start = m + 8 + length
        let count = h.rows * h.columns.count
        guard bytes.count == start + count * 8, h.ids.count == h.rows, h.rowLines.count == h.rows else { return nil }
        var values = [Double](repeating: 0, count: count)
        values.withUnsafeMutableBytes { dst in bytes[start...].withUnsafeBytes { dst.copyMemory(from: $0) } }
        self.init(header: h, values: values)
    }
}
