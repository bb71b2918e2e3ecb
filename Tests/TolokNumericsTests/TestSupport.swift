import Foundation
@testable import TolokNumerics

/// |a − b| ≤ tolerance·max(|b|, tiny): relative closeness for reference values.
func isClose(_ a: Double, _ b: Double, relative tolerance: Double = 1e-12) -> Bool {
    if a == b { return true }
    return abs(a - b) <= tolerance * max(abs(b), 1e-300)
}

/// Elementwise relative closeness of two arrays of equal length.
func isClose(_ a: [Double], _ b: [Double], relative tolerance: Double = 1e-12) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { isClose($0, $1, relative: tolerance) }
}

/// Elementwise absolute closeness of two matrices of equal shape.
func isClose(_ a: Matrix, _ b: Matrix, absolute tolerance: Double) -> Bool {
    a.rows == b.rows && a.columns == b.columns
        && zip(a.storage, b.storage).allSatisfy { abs($0 - $1) <= tolerance }
}

/// A matrix from rows, for tests (the literals are well-formed).
func matrix(_ rows: [[Double]]) -> Matrix { Matrix(rowMajor: rows)! }
