import Foundation
@testable import TolokNumerics

/// One LP from `Fixtures/lp/*.json` (written by `scripts/generate_lp_fixtures.py`).
struct LPFixture: Decodable {
    let name: String
    let category: String
    let sense: String
    let c: [Double]
    let A: [[Double]]
    let kinds: String
    let b: [Double]
    let lb: [Double?]
    let ub: [Double?]
    let status: String
    let objective: Double?

    var program: LinearProgram {
        let n = c.count
        let m = A.count
        var matrix = Matrix(rows: m, columns: n)
        for i in 0..<m { for j in 0..<n { matrix[i, j] = A[i][j] } }
        let rowKinds: [ConstraintKind] = kinds.map {
            $0 == "L" ? .lessOrEqual : ($0 == "G" ? .greaterOrEqual : .equal)
        }
        return LinearProgram(
            sense: sense == "maximize" ? .maximize : .minimize, objective: c, constraintMatrix: matrix,
            rowKinds: rowKinds, rhs: b, lowerBounds: lb.map { $0 ?? -.infinity },
            upperBounds: ub.map { $0 ?? .infinity })
    }
}

struct LPFixtureFile: Decodable {
    let problems: [LPFixture]
}

enum LPTestSupport {
    /// Directory of this test target, found from this file's path (no resource bundles).
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repositoryRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    static func fixtures(_ file: String) throws -> [LPFixture] {
        let url = testsDirectory.appendingPathComponent("Fixtures/lp/\(file)")
        return try JSONDecoder().decode(LPFixtureFile.self, from: Data(contentsOf: url)).problems
    }

    /// Reads a numeric CSV with a header into (header, rows as dictionaries).
    static func csv(_ relativePath: String) throws -> [[String: String]] {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(relativePath), encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            var row: [String: String] = [:]
            for (k, h) in header.enumerated() where k < cells.count { row[h] = cells[k] }
            return row
        }
    }

    /// Checks an optimal solution of `lp` for primal feasibility, dual feasibility, complementary
    /// slackness and strong duality (dual objective with bound terms). Returns failure messages.
    static func optimalityViolations(_ lp: LinearProgram, _ s: LPSolution, tolerance tol: Double = 1e-7) -> [String] {
        var out: [String] = []
        let m = lp.constraintCount, n = lp.variableCount
        let A = lp.constraintMatrix
        let sign: Double = lp.sense == .maximize ? -1 : 1   // to the minimisation convention
        let objScale = max(1, abs(s.objectiveValue))
        // Primal feasibility.
        var ax = [Double](repeating: 0, count: m)
        var rowScale = [Double](repeating: 0, count: m)
        for i in 0..<m {
            for j in 0..<n { ax[i] += A[i, j] * s.x[j]; rowScale[i] = max(rowScale[i], abs(A[i, j] * s.x[j])) }
            let scale = max(1, abs(lp.rhs[i]), rowScale[i])
            let r = ax[i] - lp.rhs[i]
            switch lp.rowKinds[i] {
            case .lessOrEqual: if r > tol * scale { out.append("row \(i) violated by \(r)") }
            case .greaterOrEqual: if -r > tol * scale { out.append("row \(i) violated by \(-r)") }
            case .equal: if abs(r) > tol * scale { out.append("row \(i) violated by \(r)") }
            }
        }
        for j in 0..<n {
            let l = lp.lowerBounds[j], u = lp.upperBounds[j], xj = s.x[j]
            if xj < l - tol * max(1, abs(l)) || xj > u + tol * max(1, abs(u)) {
                out.append("x[\(j)] = \(xj) outside [\(l), \(u)]")
            }
        }
        // Reduced costs must equal c − Aᵀy.
        let cScale = max(1e-300, lp.objective.map(abs).max() ?? 1)
        var dScale = [Double](repeating: 0, count: n)
        for j in 0..<n {
            var dj = lp.objective[j]
            dScale[j] = max(1e-6 * cScale, abs(lp.objective[j]))
            for i in 0..<m { dj -= A[i, j] * s.rowDuals[i]; dScale[j] = max(dScale[j], abs(A[i, j] * s.rowDuals[i])) }
            if s.basis?.structural[j] != .basic && abs(dj - s.reducedCosts[j]) > 1e-9 * dScale[j] {
                out.append("reduced cost \(j) = \(s.reducedCosts[j]) but c − Aᵀy = \(dj)")
            }
        }
        // Dual feasibility (minimisation convention) and complementary slackness.
        var complementarity = 0.0
        for i in 0..<m {
            var rowMax = 1e-300
            for j in 0..<n { rowMax = max(rowMax, abs(A[i, j])) }
            let yi = sign * s.rowDuals[i] * rowMax
            switch lp.rowKinds[i] {
            case .lessOrEqual: if yi > tol * cScale { out.append("dual \(i) = \(yi) > 0 on ≤ row") }
            case .greaterOrEqual: if yi < 0 && -yi > tol * cScale { out.append("dual \(i) = \(yi) < 0 on ≥ row") }
            case .equal: break
            }
            complementarity += abs(s.rowDuals[i] * (ax[i] - lp.rhs[i]))
        }
        var dualObjective = 0.0
        for i in 0..<m { dualObjective += lp.rhs[i] * s.rowDuals[i] }
        for j in 0..<n {
            let dj = sign * s.reducedCosts[j]
            let l = lp.lowerBounds[j], u = lp.upperBounds[j], xj = s.x[j]
            let dTol = tol * dScale[j]
            if dj > dTol && l == -.infinity { out.append("d[\(j)] = \(dj) > 0 without lower bound") }
            if dj < -dTol && u == .infinity { out.append("d[\(j)] = \(dj) < 0 without upper bound") }
            let bound: Double
            if dj > 0 && l > -.infinity { bound = l } else if dj < 0 && u < .infinity { bound = u } else { bound = xj }
            dualObjective += s.reducedCosts[j] * bound
            complementarity += abs(s.reducedCosts[j] * (xj - bound))
        }
        if complementarity > 1e-6 * objScale { out.append("complementary slackness violated by \(complementarity)") }
        if abs(dualObjective - s.objectiveValue) > 1e-6 * objScale {
            out.append("duality gap: primal \(s.objectiveValue), dual \(dualObjective)")
        }
        return out
    }
}
