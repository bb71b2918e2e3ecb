import Foundation

/// Row-major text (CSV lines, JSON row objects) written from typed columns (``ColumnStorage``)
/// without materialising rows: the rows are taken in chunks; within a chunk each column's cells
/// are formatted by one tight loop of its own type into a buffer of their own (with the end of
/// each cell), and the cells are then interleaved into the row text. Two chunks are formatted at a
/// time, one per core, and appended in order, so the output is the same bytes as formatting row
/// by row, and no more than two chunks' text is held besides the output.
enum ColumnChunks {
    /// Rows per chunk.
    static let chunkRows = 16_384

    /// Formatted cells of one column for one chunk: `bytes`, and the end offset of each cell.
    struct Cells {
        var bytes: [UInt8] = []
        var ends: [Int] = []
    }

    /// One cell kind's formatter: the cells of `column` at `rows` into `out`.
    typealias FormatColumn = (_ column: Int, _ rows: Range<Int>, _ out: inout Cells) -> Void
    /// The text of rows `rows`, given each column's formatted cells (cells[c] holds rows.count cells).
    typealias Assemble = (_ rows: Range<Int>, _ cells: [Cells], _ out: inout [UInt8]) -> Void

    /// Appends the text of rows 0..<rowCount to `out`, chunk by chunk (two at a time in parallel).
    static func write(rowCount: Int, columns: Int, into out: inout ByteSink,
                      format: FormatColumn, assemble: Assemble) {
        guard rowCount > 0 else { return }
        func chunk(_ rows: Range<Int>) -> [UInt8] {
            var cells = [Cells](repeating: Cells(), count: columns)
            for c in 0..<columns {
                cells[c].ends.reserveCapacity(rows.count)
                cells[c].bytes.reserveCapacity(rows.count * 8)
                format(c, rows, &cells[c])
            }
            var text: [UInt8] = []
            text.reserveCapacity(cells.reduce(rows.count * (columns + 1)) { $0 + $1.bytes.count })
            assemble(rows, cells, &text)
            return text
        }
        var lo = 0
        while lo < rowCount {
            let a = lo..<min(rowCount, lo + chunkRows)
            let b = a.upperBound..<min(rowCount, a.upperBound + chunkRows)
            if b.isEmpty || ProcessInfo.processInfo.activeProcessorCount < 2 {
                out.bytes.append(contentsOf: chunk(a))
                if !b.isEmpty { out.bytes.append(contentsOf: chunk(b)) }
            } else {
                let box = Pair()
                withoutActuallyEscaping(chunk) { chunk in
                    let f = UncheckedSendable(chunk)
                    DispatchQueue.concurrentPerform(iterations: 2) { k in
                        if k == 0 { box.first = f.value(a) } else { box.second = f.value(b) }
                    }
                }
                out.bytes.append(contentsOf: box.first)
                out.bytes.append(contentsOf: box.second)
            }
            lo = b.upperBound
        }
    }

    /// The two chunks' text, each written by one thread before both are read.
    private final class Pair: @unchecked Sendable {
        var first: [UInt8] = []
        var second: [UInt8] = []
    }

    /// A non-Sendable function called from two threads: every closure given to ``write`` only
    /// reads shared state (the table) and writes its own buffers.
    private struct UncheckedSendable<T>: @unchecked Sendable {
        let value: T
        init(_ value: T) { self.value = value }
    }

    /// Appends cell `i` of `cells` (its bytes) to `out`.
    @inline(__always)
    static func copy(_ cells: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<Int>, _ i: Int, to out: inout [UInt8]) {
        let start = i == 0 ? 0 : ends[i - 1]
        let end = ends[i]
        if end > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: cells[start..<end])) }
    }

    /// Interleaves the chunk's cells: `rowStart`, then for each column `before[c]` and its cell,
    /// then `rowEnd`, per row; `between` before every row but the chunk's first row when
    /// `first` is true (the table's first row).
    static func interleave(_ rows: Range<Int>, _ cells: [Cells], before: [[UInt8]], rowStart: [UInt8], rowEnd: [UInt8],
                           between: [UInt8], into out: inout [UInt8]) {
        let n = rows.count
        // Pointers to every column's bytes and ends, held for the whole chunk.
        var bytePointers: [UnsafeBufferPointer<UInt8>] = []
        var endPointers: [UnsafeBufferPointer<Int>] = []
        func walk(_ c: Int) {
            if c == cells.count {
                for i in 0..<n {
                    if i > 0 || rows.lowerBound > 0 { out.append(contentsOf: between) }
                    out.append(contentsOf: rowStart)
                    for k in 0..<cells.count {
                        out.append(contentsOf: before[k])
                        copy(bytePointers[k], ends: endPointers[k], i, to: &out)
                    }
                    out.append(contentsOf: rowEnd)
                }
                return
            }
            cells[c].bytes.withUnsafeBufferPointer { b in
                cells[c].ends.withUnsafeBufferPointer { e in
                    bytePointers.append(b)
                    endPointers.append(e)
                    walk(c + 1)
                }
            }
        }
        walk(0)
    }
}
