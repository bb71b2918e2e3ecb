import Testing
@testable import TolokCore

/// ``ShortestDouble`` (the byte writer's Schubfach formatter) against the String formatter it
/// replaces, ``ValueFormatting/exact(_:)`` (Swift's `description`), byte for byte.
@Suite struct ShortestDoubleTests {
    /// `ByteSink.append(exact:)` and `ValueFormatting.exact` of `x`, as strings.
    static func both(_ x: Double, _ sink: inout ByteSink) -> (fast: String, reference: String) {
        sink.bytes.removeAll(keepingCapacity: true)
        sink.append(exact: x)
        return (String(decoding: sink.bytes, as: UTF8.self), ValueFormatting.exact(x))
    }

    /// Counts the mismatches over `xs` (and their negatives), recording the first few.
    static func mismatches(_ xs: some Sequence<Double>) -> Int {
        var sink = ByteSink(capacity: 64)
        var bad = 0
        for x in xs where x.isFinite {
            for y in [x, -x] {
                let (fast, reference) = both(y, &sink)
                if fast != reference {
                    bad += 1
                    if bad <= 5 { Issue.record("\(y.bitPattern): \(fast) ≠ \(reference)") }
                }
            }
        }
        return bad
    }

    @Test func layoutCases() {
        let cases: [(Double, String)] = [
            (1e-5, "1e-05"), (1.5e-5, "1.5e-05"), (1e-4, "0.0001"), (0.00012, "0.00012"), (0.1, "0.1"),
            (1.5, "1.5"), (123.25, "123.25"), (1e15, "1000000000000000.0"), (1e16, "1e+16"), (1e100, "1e+100"),
            (9_007_199_254_740_992, "9007199254740992.0"), (9_007_199_254_740_994, "9.007199254740994e+15"),
            (1_000_000_000_000_000.5, "1000000000000000.5"), (-0.0, "0"), (0, "0"), (-2.5, "-2.5"), (42, "42"),
            (5e-324, "5e-324"), (2.2250738585072014e-308, "2.2250738585072014e-308"),
            (1.7976931348623157e308, "1.7976931348623157e+308"), (.infinity, "inf"), (-.infinity, "-inf"),
        ]
        var sink = ByteSink()
        for (x, text) in cases {
            let (fast, reference) = Self.both(x, &sink)
            #expect(fast == text, "\(x)")
            #expect(reference == text, "\(x)")
        }
    }

    /// Random bit patterns (every exponent, both signs, subnormals), values in [0, 1), integers,
    /// powers of ten and their neighbours, binade edges (the asymmetric interval), the smallest
    /// subnormals and short decimals.
    @Test func equalsDescriptionOnMillionsOfDoubles() {
        var rng = SplitMix(seed: 20261202)
        #expect(Self.mismatches((0..<600_000).lazy.map { _ in Double(bitPattern: rng.next()) }) == 0)
        #expect(Self.mismatches((0..<200_000).lazy.map { _ in Double(rng.next() >> 11) * 0x1p-53 }) == 0)
        #expect(Self.mismatches((0..<100_000).lazy.map { _ in Double(bitPattern: rng.next() % (1 << 52)) }) == 0)
        #expect(Self.mismatches((0..<100_000).lazy.map { _ in Double(Int64(bitPattern: rng.next()) >> Int64(rng.next() % 64)) }) == 0)
        #expect(Self.mismatches((0..<100_000).lazy.map { _ in Double(rng.next() % 10_000_000) / 1000 }) == 0)
        var edges: [Double] = []
        for e in -325...309 { if let x = Double("1e\(e)") { edges += [x, x.nextUp, x.nextDown] } }
        for b in 0..<2047 { let x = Double(bitPattern: UInt64(b) << 52); edges += [x, x.nextUp, x.nextDown, x.nextUp.nextUp] }
        for i in 1..<1000 { edges.append(Double(bitPattern: UInt64(i))) }
        edges += [.greatestFiniteMagnitude, .leastNormalMagnitude, .leastNonzeroMagnitude, 0x1p53, 0x1p54, 1e15.nextDown]
        #expect(Self.mismatches(edges) == 0)
    }
}
