// SCRATCH — not committed.
import Testing
import Foundation
import TolokNumerics
import TolokFrontier

@Suite struct ZZBenchScratch {
    @Test func bench() throws {
        guard let text = try? String(contentsOfFile: "/tmp/sfa1e6.csv", encoding: .utf8) else { return }
        var cols = [[Double]](repeating: [], count: 4)
        for (i, line) in text.split(separator: "\n").enumerated() where i > 0 {
            for (j, c) in line.split(separator: ",").enumerated() { cols[j].append(Double(c)!) }
        }
        let x = Matrix(columns: Array(cols[0..<3]))!
        for gtol in [1e-9, 1e-9] {
        var o = StochasticFrontierOptions()
        o.optimizer.gradientTolerance = gtol
        let t0 = Date()
        let fit = try StochasticFrontier.fit(y: cols[3], x: x, options: o)
        let dt = Date().timeIntervalSince(t0)
        print(gtol, fit.newtonDecrement, "BENCH seconds", dt, fit.status, "it", fit.iterations, "newton", fit.newtonSteps, "evals", fit.functionEvaluations, fit.logLikelihood, fit.beta.map(\.value), fit.sigmaU!.value, fit.sigmaV!.value)
        }
    }
}

@Suite struct ZZMicro {
    @Test func micro() {
        let n = 1_000_000
        var xs = [Double](repeating: 0, count: n)
        var s: UInt64 = 12345
        for i in 0..<n { s = s &* 6364136223846793005 &+ 1442695040888963407; xs[i] = Double(s >> 11) / Double(1 << 53) * 6 - 4 }
        var acc = 0.0
        var t0 = Date()
        for x in xs { let r = NormalDistribution.logCDFAndInverseMillsRatio(x); acc += r.logCDF + r.ratio }
        print("MICRO pair ns/obs", Date().timeIntervalSince(t0) * 1e9 / Double(n), acc)
        t0 = Date(); acc = 0
        for x in xs { acc += erfc(x) }
        print("MICRO erfc ns/obs", Date().timeIntervalSince(t0) * 1e9 / Double(n), acc)
        t0 = Date(); acc = 0
        for x in xs { acc += exp(x) }
        print("MICRO exp ns/obs", Date().timeIntervalSince(t0) * 1e9 / Double(n), acc)
        t0 = Date(); acc = 0
        for x in xs { acc += log(x + 5) }
        print("MICRO log ns/obs", Date().timeIntervalSince(t0) * 1e9 / Double(n), acc)
    }
}
