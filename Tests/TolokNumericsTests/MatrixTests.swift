import Testing
@testable import TolokNumerics

@Suite struct MatrixTests {
    @Test func columnMajorLayout() throws {
        let a = try #require(Matrix(rowMajor: [[1, 2, 3], [4, 5, 6]]))
        #expect(a.rows == 2 && a.columns == 3)
        #expect(a.storage == [1, 4, 2, 5, 3, 6])
        #expect(a[1, 2] == 6)
        #expect(a.transposed[2, 1] == 6)
        #expect(a.column(1) == [2, 5])
        #expect(a.row(0) == [1, 2, 3])
    }

    @Test func raggedInputIsRejected() {
        #expect(Matrix(rowMajor: [[1, 2], [3]]) == nil)
        #expect(Matrix(rows: 2, columns: 2, columnMajor: [1, 2, 3]) == nil)
    }

    @Test func blasIsLinked() {
        #expect(BLASThreads.count >= 1)
    }
}
