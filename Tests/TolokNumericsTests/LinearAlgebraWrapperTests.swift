import Foundation
import Testing
@testable import TolokNumerics

@Suite struct BLASTests {
    let a = matrix([[1, 2, 3], [4, 5, 6]])   // 2 × 3

    @Test func gemvPlainAndTransposed() throws {
        #expect(try BLAS.gemv(a, [1, 0, -1]) == [-2, -2])
        #expect(try BLAS.gemv(a, [1, 1], transpose: .transpose) == [5, 7, 9])
        var y = [10.0, 20.0]
        try BLAS.gemv(a, [1, 1, 1], alpha: 2, beta: -1, into: &y)   // 2·[6, 15] − [10, 20]
        #expect(y == [2, 10])
    }

    @Test func gemvIgnoresYWhenBetaIsZero() throws {
        var y = [Double.nan, .nan]
        try BLAS.gemv(a, [1, 1, 1], beta: 0, into: &y)
        #expect(y == [6, 15])
    }

    @Test func gemvRejectsBadInput() {
        #expect(throws: LinearAlgebraError.self) { try BLAS.gemv(a, [1, 2]) }
        #expect(throws: LinearAlgebraError.nonFinite) { try BLAS.gemv(a, [1, .nan, 0]) }
        var y = [1.0, .infinity]
        #expect(throws: LinearAlgebraError.nonFinite) { try BLAS.gemv(a, [1, 1, 1], beta: 1, into: &y) }
    }

    @Test func gemmWithTransposes() throws {
        let b = matrix([[1, 0], [0, 1], [1, 1]])   // 3 × 2
        #expect(try BLAS.gemm(a, b) == matrix([[4, 5], [10, 11]]))
        // AᵀA (3 × 3) and AAᵀ (2 × 2).
        #expect(try BLAS.gemm(a, a, transposeA: .transpose)
                == matrix([[17, 22, 27], [22, 29, 36], [27, 36, 45]]))
        #expect(try BLAS.gemm(a, a, transposeB: .transpose) == matrix([[14, 32], [32, 77]]))
        // C ← 2·A·B − C.
        var c = matrix([[1, 1], [1, 1]])
        try BLAS.gemm(a, b, alpha: 2, beta: -1, into: &c)
        #expect(c == matrix([[7, 9], [19, 21]]))
    }

    @Test func gemmRejectsBadInput() {
        #expect(throws: LinearAlgebraError.self) { try BLAS.gemm(a, a) }
        let bad = matrix([[1, .nan], [0, 1], [1, 1]])
        #expect(throws: LinearAlgebraError.nonFinite) { try BLAS.gemm(a, bad) }
    }
}

@Suite struct LUTests {
    // 2x + y − z = 8, −3x − y + 2z = −11, −2x + y + 2z = −3  ⇒  (x, y, z) = (2, 3, −1).
    let a = matrix([[2, 1, -1], [-3, -1, 2], [-2, 1, 2]])

    @Test func solvesThreeByThree() throws {
        let lu = try LUFactorization(a)
        let x = try lu.solve([8, -11, -3])
        #expect(isClose(x, [2, 3, -1], relative: 1e-14))
        #expect(isClose(lu.determinant, -1, relative: 1e-14))   // det = −1 by cofactors
        #expect(lu.reciprocalCondition > 0.001)
    }

    @Test func inverseAndMatrixRightHandSide() throws {
        let lu = try LUFactorization(a)
        // A⁻¹ by the adjugate (det = −1).
        let expected = matrix([[4, 3, -1], [-2, -2, 1], [5, 4, -1]])
        #expect(isClose(try lu.inverse(), expected, absolute: 1e-13))
        let x = try lu.solve(matrix([[8, 1], [-11, 0], [-3, 0]]))
        #expect(isClose(x.column(0), [2, 3, -1], relative: 1e-14))
        #expect(isClose(x.column(1), [4, -2, 5], relative: 1e-14))
    }

    @Test func singularMatricesThrow() {
        // Exactly singular: a zero pivot appears.
        #expect(throws: LinearAlgebraError.singular(pivot: 2)) { try LUFactorization(matrix([[1, 2], [2, 4]])) }
        // Singular in exact arithmetic, but rounding leaves a tiny pivot: caught by dgecon.
        #expect(throws: LinearAlgebraError.self) {
            try LUFactorization(matrix([[1, 2, 3], [4, 5, 6], [7, 8, 9]]))
        }
        do {
            _ = try LUFactorization(matrix([[1, 2, 3], [4, 5, 6], [7, 8, 9]]))
        } catch let error as LinearAlgebraError {
            if case .singular = error {} else { Issue.record("expected .singular, got \(error)") }
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func rejectsNonFiniteAndNonSquare() throws {
        #expect(throws: LinearAlgebraError.nonFinite) { try LUFactorization(matrix([[1, .nan], [0, 1]])) }
        #expect(throws: LinearAlgebraError.self) { try LUFactorization(matrix([[1, 2, 3], [4, 5, 6]])) }
        let lu = try LUFactorization(a)
        #expect(throws: LinearAlgebraError.self) { try lu.solve([1, 2]) }
        #expect(throws: LinearAlgebraError.nonFinite) { try lu.solve([1, .infinity, 2]) }
    }
}

@Suite struct CholeskyTests {
    // A = L·Lᵀ with L = [[2,0,0],[1,3,0],[1,2,4]].
    let a = matrix([[4, 2, 2], [2, 10, 7], [2, 7, 21]])

    @Test func factorAndInverse() throws {
        let ch = try CholeskyFactorization(a)
        #expect(isClose(ch.factor, matrix([[2, 0, 0], [1, 3, 0], [1, 2, 4]]), absolute: 1e-15))
        // A⁻¹ = adj(A)/det(A), det(A) = (2·3·4)² = 576.
        let expected = matrix([[161, -28, -6], [-28, 80, -24], [-6, -24, 36]])
        var scaled = try ch.inverse()
        for i in scaled.storage.indices { scaled.storage[i] *= 576 }
        #expect(isClose(scaled, expected, absolute: 1e-11))
        #expect(isClose(ch.logDeterminant, log(576), relative: 1e-14))
        // Solve A·x = A·[1, −1, 2].
        let b = try BLAS.gemv(a, [1, -1, 2])
        #expect(isClose(try ch.solve(b), [1, -1, 2], relative: 1e-13))
    }

    @Test func notPositiveDefiniteThrows() {
        #expect(throws: LinearAlgebraError.notPositiveDefinite(order: 2)) {
            try CholeskyFactorization(matrix([[1, 2], [2, 1]]))
        }
        #expect(throws: LinearAlgebraError.nonFinite) { try CholeskyFactorization(matrix([[.nan, 0], [0, 1]])) }
    }
}

@Suite struct SymmetricInverseTests {
    @Test func indefiniteMatrix() throws {
        // [[1,2],[2,1]]⁻¹ = −⅓·[[1,−2],[−2,1]].
        let inv = try matrix([[1, 2], [2, 1]]).symmetricInverse()
        #expect(isClose(inv, matrix([[-1.0 / 3, 2.0 / 3], [2.0 / 3, -1.0 / 3]]), absolute: 1e-15))
        // The SPD case agrees with Cholesky.
        let a = matrix([[4, 2, 2], [2, 10, 7], [2, 7, 21]])
        #expect(isClose(try a.symmetricInverse(), try CholeskyFactorization(a).inverse(), absolute: 1e-15))
    }

    @Test func singularAndNonFiniteThrow() {
        #expect(throws: LinearAlgebraError.self) { try matrix([[1, 2], [2, 4]]).symmetricInverse() }
        #expect(throws: LinearAlgebraError.self) { try matrix([[0, 0], [0, 0]]).symmetricInverse() }
        #expect(throws: LinearAlgebraError.nonFinite) { try matrix([[1, 0], [.infinity, 1]]).symmetricInverse() }
    }
}

@Suite struct LeastSquaresWrapperTests {
    // Line through (0, 1), (1, 3), (2, 4): y = 7/6 + 1.5x, residuals (−1/6, 1/3, −1/6).
    let design = matrix([[1, 0], [1, 1], [1, 2]])
    let b = [1.0, 3, 4]

    @Test func qrLeastSquares() throws {
        let qr = try QRFactorization(design)
        #expect(isClose(try qr.leastSquares(b), [7.0 / 6, 1.5], relative: 1e-14))
        // Q is orthogonal: QᵀQv = v.
        let v = [0.3, -1.0, 2.5]
        #expect(isClose(try qr.multiplyByQ(try qr.multiplyByQTransposed(v)), v, relative: 1e-14))
        #expect(qr.reciprocalConditionOfR > 0.01)
        #expect(throws: LinearAlgebraError.self) { try QRFactorization(matrix([[1, 2, 3]])) }
        #expect(throws: LinearAlgebraError.nonFinite) { try qr.leastSquares([1, .nan, 2]) }
        // A zero column leaves an exactly zero Rᵢᵢ.
        let zero = try QRFactorization(matrix([[1, 0], [1, 0], [1, 0]]))
        #expect(throws: LinearAlgebraError.singular(pivot: 2)) { try zero.leastSquares(b) }
    }

    @Test func refinedLeastSquaresAndGramInverse() throws {
        let ls = try LeastSquares(design)
        let s = try ls.solve(b)
        #expect(isClose(s.solution, [7.0 / 6, 1.5], relative: 1e-15))
        #expect(isClose(s.residuals, [-1.0 / 6, 1.0 / 3, -1.0 / 6], relative: 1e-15))
        #expect(s.converged)
        // (XᵀX)⁻¹ = [[3,3],[3,5]]⁻¹ = (1/6)·[[5,−3],[−3,3]].
        let g = try ls.inverseGram()
        #expect(isClose(g, matrix([[5.0 / 6, -0.5], [-0.5, 0.5]]), absolute: 1e-16))
        #expect(throws: LinearAlgebraError.singular(pivot: 2)) { try LeastSquares(matrix([[1, 0], [1, 0], [1, 0]])) }
        #expect(throws: LinearAlgebraError.self) { try ls.solve([1, 2]) }
        #expect(throws: LinearAlgebraError.nonFinite) { try LeastSquares(matrix([[1, .nan], [1, 1]])) }
    }

    @Test func doubleDoubleDesignIsHonoured() throws {
        // A = [[1, 1 + 2⁻⁶⁰], [1, 1 + 2⁻²⁶]] is ill-conditioned (κ ≈ 2²⁸), so the 2⁻⁶⁰ that
        // double cannot hold moves the solution of A·x = (1, 2) in the 10th digit. Exact
        // (rational arithmetic): x = (−67108863.00390625, 67108864.00390625); with the
        // entry rounded to 1: x = (−67108863, 67108864).
        let hi = matrix([[1, 1], [1, 1 + 0x1p-26]])
        var lo = Matrix(rows: 2, columns: 2)
        lo[0, 1] = 0x1p-60
        let exact = try LeastSquares(hi, trailing: lo).solve([1, 2])
        #expect(isClose(exact.solution, [-67108863.00390625, 67108864.00390625], relative: 1e-15))
        let rounded = try LeastSquares(hi).solve([1, 2])
        #expect(isClose(rounded.solution, [-67108863, 67108864], relative: 1e-15))
        #expect(throws: LinearAlgebraError.self) { try LeastSquares(hi, trailing: matrix([[0], [0]])) }
    }

    @Test func svdMinimumNormSolution() throws {
        // Columns [1,2,3] and [2,4,6] (rank 1), b = [1,2,3]: solutions x₁ + 2x₂ = 1; the
        // shortest is (1, 2)/5.
        let a = matrix([[1, 2], [2, 4], [3, 6]])
        let s = try SVDLeastSquares.solve(a, [1, 2, 3])
        #expect(s.rank == 1)
        #expect(isClose(s.solution, [0.2, 0.4], relative: 1e-14))
        #expect(s.singularValues.count == 2 && s.singularValues[1] < 1e-14)
        // Inconsistent b: least squares onto the column [1,2,3], then shortest x.
        let t = try SVDLeastSquares.solve(matrix([[1, 1], [1, 1], [1, 1]]), [1, 2, 3])
        #expect(t.rank == 1)
        #expect(isClose(t.solution, [1, 1], relative: 1e-14))
        // Underdetermined: x₁ + x₂ = 2 ⇒ (1, 1).
        let u = try SVDLeastSquares.solve(matrix([[1, 1]]), [2])
        #expect(u.rank == 1 && isClose(u.solution, [1, 1], relative: 1e-14))
        // Full rank agrees with QR.
        let f = try SVDLeastSquares.solve(design, b)
        #expect(f.rank == 2 && isClose(f.solution, [7.0 / 6, 1.5], relative: 1e-14))
    }

    @Test func svdRejectsBadInput() {
        #expect(throws: LinearAlgebraError.nonFinite) { try SVDLeastSquares.solve(design, [1, .nan, 2]) }
        #expect(throws: LinearAlgebraError.self) { try SVDLeastSquares.solve(design, [1, 2]) }
        #expect(throws: LinearAlgebraError.self) { try SVDLeastSquares.solve(design, b, rcond: -1) }
    }
}

@Suite struct DoubleDoubleTests {
    @Test func errorFreeTransformations() {
        let (s, e) = DoubleDouble.twoSum(1, 0x1p-60)
        #expect(s == 1 && e == 0x1p-60)
        let a = 1 + 0x1p-30, b = 1 - 0x1p-30
        let (p, f) = DoubleDouble.twoProduct(a, b)    // 1 − 2⁻⁶⁰ exactly
        #expect(p == 1 && f == -0x1p-60)
    }

    @Test func arithmeticKeepsTheLowPart() {
        // (1e16 + 1) − 1e16 = 1 is lost in double, kept in double-double.
        #expect(DoubleDouble.sum([1e16, 1, -1e16]).doubleValue == 1)
        #expect(DoubleDouble.dot([1e8, 1, -1e8], [1e8, 1, 1e8]).doubleValue == 1)
        let third = DoubleDouble(1) / DoubleDouble(3)
        let back = third * 3.0 - 1.0
        #expect(abs(back.doubleValue) < 1e-31)
        let root = DoubleDouble(2).squareRoot
        #expect(abs((root * root - 2.0).doubleValue) < 1e-30)
        #expect(DoubleDouble(hi: 1, lo: 0x1p-60) > DoubleDouble(1))
    }
}
