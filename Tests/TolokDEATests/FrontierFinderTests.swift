import Testing
import TolokNumerics
@testable import TolokDEAModel
@testable import TolokDEA

/// The parallel frontier (blocks, then the filter of their union) generates the technology:
/// every unit scores the same against it as against all units.
@Suite struct FrontierFinderTests {
    @Test(arguments: ReturnsToScale.allCases, [2, 3])
    func parallelFrontierGeneratesTheTechnology(rts: ReturnsToScale, threads: Int) {
        var d = SyntheticDEAData.cobbDouglas(units: 300, inputs: 2, outputs: 3, seed: 5)
        // Exact duplicates of some units (also of efficient ones) must not vanish together.
        for j in [0, 7, 7, 42] {
            for i in d.inputs.indices { d.inputs[i].append(d.inputs[i][j]) }
            for r in d.outputs.indices { d.outputs[r].append(d.outputs[r][j]) }
        }
        let data = DEAData(inputs: d.inputs, outputs: d.outputs)
        let all = Array(0..<data.unitCount)
        var finder = FrontierFinder(data: data, rts: rts, threads: threads)
        finder.parallelThreshold = 50
        let parallel = finder.frontier(of: all)
        let sequential = finder.reduce(all)
        // A superset is still exact (units with θ = 1 but slack, or VRS units no other unit can
        // reproduce, are kept); it should not blow up.
        #expect(parallel.count <= 2 * sequential.count)
        let fullPool = ReferencePool(data: data, units: all, rts: rts)
        let parallelPool = ReferencePool(data: data, units: parallel, rts: rts)
        for orientation in Orientation.allCases {
            let a = UnitEvaluator(data: data, orientation: orientation, rts: rts)
            let b = UnitEvaluator(data: data, orientation: orientation, rts: rts)
            for o in all {
                let full = a.evaluate(point: data.profile(o), pool: fullPool, seed: [], own: o)
                let reduced = b.evaluate(point: data.profile(o), pool: parallelPool, seed: [], own: o)
                #expect(full.status == reduced.status)
                if full.status == .ok {
                    #expect(abs(full.radial - reduced.radial) <= 1e-8 * max(1, full.radial), "unit \(o)")
                    #expect(abs(full.relativeSlackMax - reduced.relativeSlackMax) <= 1e-6, "unit \(o)")
                }
            }
        }
    }
}
