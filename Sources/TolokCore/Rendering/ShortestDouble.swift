/// Shortest round-trip decimal text of a `Double`, written as bytes: byte for byte Swift's
/// `Double.description` for every finite nonzero value.
///
/// **Digits.** The Schubfach algorithm: R. Giulietti, "The Schubfach way to render doubles"
/// (2020, revised 2022; the algorithm behind OpenJDK 19's `Double.toString`, implemented here from the paper).
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

    /// Writes the `n` decimal digits of `v` (n ≥ its digit count) into `p[o ..< o + n]`, two at a time.
    @inline(__always) static func writeDigits(_ v: UInt64, count n: Int, into p: UnsafeMutableRawBufferPointer, at o: Int) {
        let pairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
        let table = pairs.utf8Start
        var v = v
        var end = o + n
        while end - o >= 2 {
            let q = v / 100
            let r = Int(truncatingIfNeeded: v &- q &* 100) << 1
            p[end - 2] = table[r]; p[end - 1] = table[r + 1]
            v = q
            end -= 2
        }
        if end > o { p[o] = 0x30 + UInt8(truncatingIfNeeded: v) }
    }

    /// The number of decimal digits of `v` > 0.
    @inline(__always) static func digitCount(_ v: UInt64) -> Int {
        // ⌊log₁₀ 2^(bits−1)⌋ + 1 (1233/4096 ≈ log₁₀ 2, exact for bit lengths ≤ 64), then one step up.
        let bits = 64 - v.leadingZeroBitCount
        var n = ((bits - 1) * 1233) >> 12 + 1
        if n < 20 && v >= powersOfTen(n) { n += 1 }
        return n
    }

    /// 10^n for n in 0 ... 19.
    @inline(__always) static func powersOfTen(_ n: Int) -> UInt64 {
        var t: UInt64 = 1
        for _ in 0..<n { t &*= 10 }
        return t
    }

    /// Appends Swift's `x.description` of a finite nonzero `x` to `bytes`.
    static func append(_ x: Double, to bytes: inout [UInt8]) {
        let (f, e) = decimal(x)
        let n = digitCount(f)
        var buf: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)  // 40 bytes ≥ 26
        withUnsafeMutableBytes(of: &buf) { p in
            var o = 0
            if x < 0 { p[o] = UInt8(ascii: "-"); o += 1 }
            let D = e + n
            if D < -3 || x.magnitude > 9_007_199_254_740_992 {
                // d₁.d₂…dₙe±XX: the digits from o + 1, the first moved before the point.
                writeDigits(f, count: n, into: p, at: o + 1)
                p[o] = p[o + 1]
                if n > 1 { p[o + 1] = UInt8(ascii: "."); o += n + 1 } else { o += 1 }
                p[o] = UInt8(ascii: "e"); o += 1
                var x10 = D - 1
                if x10 < 0 { p[o] = UInt8(ascii: "-"); x10 = -x10 } else { p[o] = UInt8(ascii: "+") }
                o += 1
                if x10 >= 100 { p[o] = 0x30 + UInt8(x10 / 100); o += 1; x10 %= 100 }
                writeDigits(UInt64(x10), count: 2, into: p, at: o); o += 2
            } else if D <= 0 {
                p[o] = UInt8(ascii: "0"); p[o + 1] = UInt8(ascii: "."); o += 2
                for _ in 0..<(-D) { p[o] = UInt8(ascii: "0"); o += 1 }
                writeDigits(f, count: n, into: p, at: o); o += n
            } else if D >= n {
                writeDigits(f, count: n, into: p, at: o); o += n
                for _ in 0..<(D - n) { p[o] = UInt8(ascii: "0"); o += 1 }
                p[o] = UInt8(ascii: "."); p[o + 1] = UInt8(ascii: "0"); o += 2
            } else {
                // d₁…d_D.d_{D+1}…dₙ: the digits from o + 1, the first D moved one place left.
                writeDigits(f, count: n, into: p, at: o + 1)
                for j in 0..<D { p[o + j] = p[o + j + 1] }
                p[o + D] = UInt8(ascii: ".")
                o += n + 1
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[0..<o]))
        }
    }
}
