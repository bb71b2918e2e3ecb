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
            let (status, payload) = loaded.run(request)
            return send(status, payload)
        }
    }
}

/// A plugin library opened in this process (the plugin host child only), of ABI version 1 or 2.
struct LoadedLibrary {
    enum Table {
        case v1(UnsafePointer<tolok_plugin_v1>)
        case v2(UnsafePointer<tolok_plugin_v2>)
    }
    let table: Table
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
        let describe: (@convention(c) () -> UnsafePointer<CChar>?)?
        switch version {
        case TOLOK_PLUGIN_ABI_VERSION:
            let t = raw.assumingMemoryBound(to: tolok_plugin_v1.self)
            guard t.pointee.run != nil, t.pointee.free_string != nil else { throw UsageError("plugin function table is incomplete") }
            table = .v1(t)
            describe = t.pointee.descriptor_json
        case TOLOK_PLUGIN_ABI_VERSION_2:
            let t = raw.assumingMemoryBound(to: tolok_plugin_v2.self)
            guard t.pointee.run != nil, t.pointee.free_string != nil, t.pointee.free_result != nil else {
                throw UsageError("plugin function table (ABI 2) is incomplete")
            }
            table = .v2(t)
            describe = t.pointee.descriptor_json
        default:
            throw UsageError("plugin ABI version \(version) is not supported (this tolok speaks ABI versions \(TOLOK_PLUGIN_ABI_VERSION) and \(TOLOK_PLUGIN_ABI_VERSION_2)); rebuild the plugin against this tolok_plugin.h")
        }
        guard let describe, let text = describe() else { throw UsageError("plugin function table is incomplete") }
        descriptorJSON = String(cString: text)
    }

    /// Calls the plugin's `run`: its status and its reply payload (v1: the result document;
    /// v2: a ``ColumnarFrame``; on failure the message).
    func run(_ request: PluginRequest) -> (Int32, [UInt8]) {
        var status: Int32 = TOLOK_PLUGIN_FAILURE
        var resultText: UnsafeMutablePointer<CChar>?
        var columnar: UnsafeMutablePointer<tolok_result>?
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
                                switch table {
                                case .v1(let v1): status = v1.pointee.run(&t, h.parameters, &resultText, &errorText)
                                case .v2(let v2): status = v2.pointee.run(&t, h.parameters, &columnar, &errorText)
                                }
                            }
                        }
                    }
                }
            }
        }
        let freeString: @convention(c) (UnsafeMutablePointer<CChar>?) -> Void
        switch table {
        case .v1(let v1): freeString = v1.pointee.free_string
        case .v2(let v2): freeString = v2.pointee.free_string
        }
        defer {
            if let resultText { freeString(resultText) }
            if let errorText { freeString(errorText) }
            if let columnar, case .v2(let v2) = table { v2.pointee.free_result(columnar) }
        }
        if status == TOLOK_PLUGIN_OK {
            switch table {
            case .v1:
                return resultText.map { (status, Array(String(cString: $0).utf8)) } ?? (TOLOK_PLUGIN_FAILURE, Array("it returned OK without a result".utf8))
            case .v2:
                guard let columnar else { return (TOLOK_PLUGIN_FAILURE, Array("it returned OK without a result".utf8)) }
                do { return (status, try ColumnarFrame.encode(columnar)) } catch {
                    return (TOLOK_PLUGIN_FAILURE, Array("\(error)".utf8))
                }
            }
        }
        return (status, Array((errorText.map { String(cString: $0) } ?? "no message").utf8))
    }
}

/// The data and parameters of one plugin run, as sent to the plugin host: a magic line, the
/// length of a JSON header (names, parameters, source), the header, then binary sections
/// (little-endian): the ids as `rows + 1` u64 offsets, a u64 byte count and the bytes; the
/// `rows` line numbers as int64; the column-major doubles.
struct PluginRequest {
    static let magic: [UInt8] = Array("TOLOKQ2\n".utf8)

    /// Everything but the numbers.
    struct Header: Codable {
        var rows: Int
        var columns: [String]
        var idColumn: String?
        var source: String
        /// The parameters as the JSON object the ABI passes to `run`.
        var parameters: String
        /// Sent in binary after the JSON (not part of it).
        var ids: [String] = []
        var rowLines: [Int64] = []

        enum CodingKeys: String, CodingKey { case rows, columns, idColumn, source, parameters }
    }

    var header: Header
    /// `rows × columns.count` values, column-major; NaN for a missing cell.
    var values: [Double]

    func encoded() throws -> [UInt8] {
        let json = try JSONEncoder().encode(header)
        var w = FrameWriter()
        w.bytes = Self.magic
        w.bytes.reserveCapacity(w.bytes.count + 8 + json.count + header.rows * 28 + values.count * 8)
        w.u64(UInt64(json.count))
        w.bytes += json
        var offsets = [UInt64](repeating: 0, count: header.rows + 1)
        var text: [UInt8] = []
        for (i, id) in header.ids.enumerated() {
            text += id.utf8
            offsets[i + 1] = UInt64(text.count)
        }
        offsets.withUnsafeBytes { w.bytes += $0 }
        w.u64(UInt64(text.count))
        w.bytes += text
        header.rowLines.withUnsafeBytes { w.bytes += $0 }
        values.withUnsafeBytes { w.bytes += $0 }
        return w.bytes
    }

    init(header: Header, values: [Double]) {
        self.header = header
        self.values = values
    }

    init?(decoding bytes: [UInt8]) {
        var r = FrameReader(bytes: bytes, position: Self.magic.count)
        guard bytes.count >= Self.magic.count, Array(bytes[0..<Self.magic.count]) == Self.magic,
              let length = try? r.count("header", limit: bytes.count), let range = try? r.take(length, "header"),
              var h = try? JSONDecoder().decode(Header.self, from: Data(bytes[range])), h.rows >= 0,
              let offsetRange = try? r.take((h.rows + 1) * 8, "ids"), let textLength = try? r.count("ids", limit: bytes.count),
              let textRange = try? r.take(textLength, "ids"), let lineRange = try? r.take(h.rows * 8, "lines"),
              let valueRange = try? r.take(h.rows * h.columns.count * 8, "values"), r.position == bytes.count else { return nil }
        var ids: [String] = []
        ids.reserveCapacity(h.rows)
        var lines = [Int64](repeating: 0, count: h.rows)
        var values = [Double](repeating: 0, count: h.rows * h.columns.count)
        let ok = bytes.withUnsafeBytes { raw -> Bool in
            var previous = 0
            for i in 0..<h.rows {
                let end = Int(raw.loadUnaligned(fromByteOffset: offsetRange.lowerBound + (i + 1) * 8, as: UInt64.self))
                guard end >= previous, end <= textLength else { return false }
                ids.append(String(decoding: UnsafeRawBufferPointer(rebasing: raw[(textRange.lowerBound + previous)..<(textRange.lowerBound + end)]), as: UTF8.self))
                previous = end
            }
            lines.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[lineRange])) }
            values.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[valueRange])) }
            return true
        }
        guard ok else { return nil }
        h.ids = ids
        h.rowLines = lines
        self.init(header: h, values: values)
    }
}
