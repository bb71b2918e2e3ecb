/// Shortest round-trip decimal text of a `Double`, written as bytes: byte for byte Swift's
/// `Double.description` for every finite nonzero value.
///
/// **Digits.** The Schubfach algorithm: R. Giulietti, "The Schubfach way to render doubles"
/// (2020, revised 2022; https://drive.google.com/file/d/1gp5xv4CAa78SVgCeWfGqqI4FfYYYuNFb).
/// For x = c·2^q (c the integer significand) the rounding interval R = [x − ulp⁻/2, x + ulp/2]
/// (closed when c is even, open when odd: the reader rounds half to even) is scaled by 10^−k with
/// k = ⌊log₁₀ 2^q⌋ (⌊log₁₀ ¾·2^q⌋ at a binade's lower edge, where ulp⁻ = ulp/2), so its width is
/// between 1 and 10 units. The scaled value v and ends are estimated from a 126-bit g(k) ≈ 10^−k
/// (``schubfachG``, generated exactly by scripts/gen-pow10-table.py) with a sticky bit that makes
/// every comparison below exact (the paper's theorem). At most one multiple of 10 lies in R (its
/// width is < 10): if exactly one does, it is the shortest; else the integers s = ⌊v⌋ and s + 1 are
/// tried, and when both lie in R the closer to v is taken (ties to even). Trailing zeros are then
/// removed. The result is the shortest decimal in R, and of those the closest to x — which is
/// what Swift's description prints (its SwiftDtoa promises shortest and closest).
///
/// **Layout** (Swift's `description`, checked by the tests): with digits d₁…dₙ and x = 0.d₁…dₙ·10^D,
/// exponential form `d₁.d₂…dₙe±XX` (at least two exponent digits, no `.` for one digit: `1e-05`)
/// when D < −3 (|x| < 10⁻⁴) or |x| > 2⁵³; otherwise positional with at least one digit after the
/// point: `0.00012`, `123.25`, `9007199254740992.0`.
enum ShortestDouble {
    static let qMin = -1074
    static let cMin: UInt64 = 1 << 52
    static let mask63: UInt64 = (1 << 63) - 1

    /// ⌊q·log₁₀2⌋, exact for |q| ≤ 1100 (checked by scripts/gen-pow10-table.py).
    @inline(__always) static func flog10pow2(_ q: Int) -> Int { (q &* 661_971_961_083) >> 41 }
    /// ⌊log₁₀(¾·2^q)⌋, exact for |q| ≤ 1100.
    @inline(__always) static func flog10ThreeQuartersPow2(_ q: Int) -> Int { (q &* 661_971_961_083 &- 274_743_187_321) >> 41 }
    /// ⌊e·log₂10⌋, exact for |e| ≤ 330.
    @inline(__always) static func flog2pow10(_ e: Int) -> Int { (e &* 913_124_641_741) >> 38 }

    /// Round to odd of g·cp / 2^128 (g = g1·2^63 + g0): the paper's `rop`.
    @inline(__always) static func rop(_ g1: UInt64, _ g0: UInt64, _ cp: UInt64) -> UInt64 {
        let x1 = g0.multipliedFullWidth(by: cp).high
        let y = g1.multipliedFullWidth(by: cp)
        let z = (y.low >> 1) &+ x1
        let vbp = y.high &+ (z >> 63)
        return vbp | (((z & mask63) &+ mask63) >> 63)
    }

    /// The shortest-closest decimal f·10^e of the positive finite value c·2^q (dk = −1 when c was
    /// multiplied by ten for a tiny subnormal).
    @inline(__always) static func toDecimal(q: Int, c: UInt64, dk: Int) -> (f: UInt64, e: Int) {
        let out: UInt64 = c & 1
        let cb = c << 2
        let cbr = cb + 2
        let cbl: UInt64
        let k: Int
        if c != cMin || q == qMin {
            cbl = cb - 2
            k = flog10pow2(q)
        } else {
            cbl = cb - 1
            k = flog10ThreeQuartersPow2(q)
        }
        let h = q + flog2pow10(-k) + 2
        let i = (k + 324) << 1
        let g1 = schubfachG[i], g0 = schubfachG[i + 1]
        let vb = rop(g1, g0, cb << UInt64(h))
        let vbl = rop(g1, g0, cbl << UInt64(h))
        let vbr = rop(g1, g0, cbr << UInt64(h))
        let s = vb >> 2
        let sp10 = s / 10 * 10
        let tp10 = sp10 + 10
        let upin = vbl + out <= sp10 << 2
        let wpin = (tp10 << 2) + out <= vbr
        if upin != wpin { return (upin ? sp10 : tp10, k + dk) }
        let t = s + 1
        let uin = vbl + out <= s << 2
        let win = (t << 2) + out <= vbr
        if uin != win { return (uin ? s : t, k + dk) }
        let mid = (s + t) << 1
        return (vb < mid || (vb == mid && s & 1 == 0) ? s : t, k + dk)
    }

    /// Digits and exponent (x = f·10^e, f without trailing zeros) of a finite nonzero |x|.
    @inline(__always) static func decimal(_ x: Double) -> (f: UInt64, e: Int) {
        let bits = x.bitPattern
        let bq = Int((bits >> 52) & 0x7FF)
        let t = bits & (cMin - 1)
        var r: (f: UInt64, e: Int)
        if bq != 0 {
            r = toDecimal(q: bq - 1075, c: cMin | t, dk: 0)
        } else {
            r = t < 3 ? toDecimal(q: qMin, c: 10 * t, dk: -1) : toDecimal(q: qMin, c: t, dk: 0)
        }
        while r.f % 10 == 0 { r.f /= 10; r.e += 1 }
        return r
    }

    /// Appends Swift's `x.description` of a finite nonzero `x` to `bytes`.
    static func append(_ x: Double, to bytes: inout [UInt8]) {
        let (f, e) = decimal(x)
        // Digits of f, most significant first, into a 32-byte scratch; then the layout.
        var buf: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)  // 40 bytes
        withUnsafeMutableBytes(of: &buf) { p in
            var d: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes ≥ 17 digits
            var n = 0
            withUnsafeMutableBytes(of: &d) { dp in
                var v = f
                while v > 0 { dp[23 - n] = 0x30 + UInt8(truncatingIfNeeded: v % 10); v /= 10; n += 1 }
                let digits = UnsafeRawBufferPointer(rebasing: dp[(24 - n)...])
                var o = 0
                if x < 0 { p[o] = UInt8(ascii: "-"); o += 1 }
                let D = e + n
                if D < -3 || x.magnitude > 9_007_199_254_740_992 {
                    p[o] = digits[0]; o += 1
                    if n > 1 {
                        p[o] = UInt8(ascii: "."); o += 1
                        for j in 1..<n { p[o] = digits[j]; o += 1 }
                    }
                    p[o] = UInt8(ascii: "e"); o += 1
                    var x10 = D - 1
                    if x10 < 0 { p[o] = UInt8(ascii: "-"); x10 = -x10 } else { p[o] = UInt8(ascii: "+") }
                    o += 1
                    if x10 >= 100 { p[o] = 0x30 + UInt8(x10 / 100); o += 1; x10 %= 100 }
                    p[o] = 0x30 + UInt8(x10 / 10); p[o + 1] = 0x30 + UInt8(x10 % 10); o += 2
                } else if D <= 0 {
                    p[o] = UInt8(ascii: "0"); p[o + 1] = UInt8(ascii: "."); o += 2
                    for _ in 0..<(-D) { p[o] = UInt8(ascii: "0"); o += 1 }
                    for j in 0..<n { p[o] = digits[j]; o += 1 }
                } else if D >= n {
                    for j in 0..<n { p[o] = digits[j]; o += 1 }
                    for _ in 0..<(D - n) { p[o] = UInt8(ascii: "0"); o += 1 }
                    p[o] = UInt8(ascii: "."); p[o + 1] = UInt8(ascii: "0"); o += 2
                } else {
                    for j in 0..<D { p[o] = digits[j]; o += 1 }
                    p[o] = UInt8(ascii: "."); o += 1
                    for j in D..<n { p[o] = digits[j]; o += 1 }
                }
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[0..<o]))
            }
        }
    }
}
