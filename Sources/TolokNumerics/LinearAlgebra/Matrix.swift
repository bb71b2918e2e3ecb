/// A dense, column-major matrix of `Double`, laid out exactly as BLAS and LAPACK expect
/// (leading dimension = `rows`).
///
/// Element (i, j) lives at `storage[i + j * rows]`. The type is a value type with
/// copy-on-write storage (it wraps a Swift `Array`), so passing it to a wrapper that
/// needs a scratch copy (LAPACK overwrites its inputs) costs one copy, never more.
public struct Matrix: Sendable, Equatable {
    /// Number of rows (m).
    public let rows: Int
    /// Number of columns (n).
    public let columns: Int
    /// Column-major elements, `rows * columns` of them.
    public var storage: [Double]

    /// A `rows × columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// A matrix over existing column-major storage. Returns `nil` when the element count
    /// does not equal `rows * columns`.
    public init?(rows: Int, columns: Int, columnMajor: [Double]) {
        guard rows >= 0, columns >= 0, columnMajor.count == rows * columns else { return nil }
        self.rows = rows
        self.columns = columns
        self.storage = columnMajor
    }

    /// A matrix from rows given as arrays (convenient in tests and small examples).
    /// Returns `nil` for ragged input.
    public init?(rowMajor: [[Double]]) {
        let m = rowMajor.count
        let n = rowMajor.first?.count ?? 0
        guard rowMajor.allSatisfy({ $0.count == n }) else { return nil }
        var s = [Double](repeating: 0, count: m * n)
        for i in 0..<m { for j in 0..<n { s[i + j * m] = rowMajor[i][j] } }
        self.rows = m
        self.columns = n
        self.storage = s
    }

    /// A matrix whose columns are the given vectors. Returns `nil` for ragged input.
    public init?(columns cols: [[Double]]) {
        let m = cols.first?.count ?? 0
        guard cols.allSatisfy({ $0.count == m }) else { return nil }
        self.rows = m
        self.columns = cols.count
        self.storage = cols.flatMap { $0 }
    }

    /// The n × n identity.
    public static func identity(_ n: Int) -> Matrix {
        var a = Matrix(rows: n, columns: n)
        for i in 0..<n { a[i, i] = 1 }
        return a
    }

    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        get { storage[i + j * rows] }
        set { storage[i + j * rows] = newValue }
    }

    /// Column j as a new array.
    public func column(_ j: Int) -> [Double] {
        Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    /// Row i as a new array.
    public func row(_ i: Int) -> [Double] {
        (0..<columns).map { self[i, $0] }
    }

    /// The transpose Aᵀ.
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for j in 0..<columns { for i in 0..<rows { t[j, i] = self[i, j] } }
        return t
    }

    /// True when every element is finite (no NaN, no ±∞).
    public var isFinite: Bool { storage.allSatisfy { $0.isFinite } }
}

extension Matrix: CustomStringConvertible {
    public var description: String {
        (0..<rows).map { i in row(i).map { String($0) }.joined(separator: "\t") }.joined(separator: "\n")
    }
}
