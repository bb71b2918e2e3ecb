/// A byte-level parser for the one cell shape whose reading can never depend on the number
/// format: a plain decimal-point number (`-12`, `0.25`, `3.5e-7`, `+4E2`), so that the loader
/// does not build a `String` per cell.
///
/// Accepted grammar: `[+-]? digit+ ('.' digit+)? ([eE] [+-]? digit+)?`, except the shape
/// "1–3 digits '.' exactly 3 digits" without exponent (`1.020`, `-15.131`), which reads as a
/// thousands group with a decimal comma and is left to ``NumberFormat/read(_:commaDelimited:)``.
/// Everything else (commas, spaces, `NaN`, `Rp`, `%`, `.5`, `5.`) returns ``Result/other`` and the
/// caller uses the String-based rules of ``NumberFormat`` — so the semantics are exactly those
/// rules, and this is only a shortcut for the common case.
///
/// The value is correctly rounded, equal bit for bit to `Double(String)`: when the significand
/// has at most 19 digits, is below 2^53 and the decimal exponent is within ±22 the value is
/// one exact integer-to-double conversion and one multiplication or division by an exactly
/// representable power of ten (Clinger's fast path: both operands are exact, so the single IEEE
/// operation rounds correctly); up to 19 digits and ±27 on x86-64, one x87 extended operation with
/// a check for the double-rounding case (see ``parse``); otherwise the bytes go to
/// `Double(String)` (strtod).
enum FastNumber {
    enum Result: Equatable {
        /// Empty or `NA`, `N/A`, `null` in any case (``Column/isMissing(_:)``).
        case missing
        /// A plain decimal-point number.
        case number(Double)
        /// Any other text: use the String-based rules.
        case other
    }

    /// Exactly representable powers of ten (10^0 … 10^22).
    static let powers: [Double] = (0...22).map { k in
        var x = 1.0
        for _ in 0..<k { x *= 10 }
        return x
    }

    #if arch(x86_64) && !os(Windows)
    /// Exactly representable powers of ten in the x87 extended format (10^0 … 10^27).
    static let powers80: [Float80] = (0...27).map { k in
        var x: Float80 = 1
        for _ in 0..<k { x *= 10 }
        return x
    }
    #endif

    /// Classifies and parses the bytes `p[start..<end]`.
    @inline(__always)
    static func classify(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Result {
        let n = end - start
        if n == 0 { return .missing }
        let first = p[start]
        if first &- 0x30 > 9 && first != UInt8(ascii: "-") && first != UInt8(ascii: "+") {
            if n <= 4, isMissingWord(p, start, end) { return .missing }
            return .other
        }
        return parse(p, start, end).map { .number($0) } ?? .other
    }

    /// `na`, `n/a`, `null` in any case.
    static func isMissingWord(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        func lower(_ b: UInt8) -> UInt8 { b | 0x20 }
        switch end - start {
        case 2: return lower(p[start]) == UInt8(ascii: "n") && lower(p[start + 1]) == UInt8(ascii: "a")
        case 3: return lower(p[start]) == UInt8(ascii: "n") && p[start + 1] == UInt8(ascii: "/") && lower(p[start + 2]) == UInt8(ascii: "a")
        case 4: return lower(p[start]) == UInt8(ascii: "n") && lower(p[start + 1]) == UInt8(ascii: "u")
            && lower(p[start + 2]) == UInt8(ascii: "l") && lower(p[start + 3]) == UInt8(ascii: "l")
        default: return false
        }
    }

    /// The value of a plain, unambiguous decimal-point number, or nil for any other text.
    static func parse(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var i = start
        var negative = false
        if p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") { negative = p[i] == UInt8(ascii: "-"); i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0          // digits accumulated in `mantissa` (after the leading zeros)
        var overflow = false    // more than 19 significant digits
        let base = p.baseAddress!
        /// Accumulates the digits from `i` (eight at a time while they fit in 19 digits).
        @inline(__always) func digitRun(_ i: inout Int) {
            if mantissa == 0 { while i < end, p[i] == UInt8(ascii: "0") { i += 1 } }  // leading zeros add nothing
            while digits <= 11, i + 8 <= end {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                // Eight ASCII digits: every byte 0x30…0x39.
                guard w & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030,
                      (w &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030 else { break }
                var v = w & 0x0F0F_0F0F_0F0F_0F0F   // little-endian: the first digit is the low byte
                v = (v &* 2561) >> 8
                v = ((v & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
                v = ((v & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
                mantissa = mantissa &* 100_000_000 &+ v
                digits += 8
                i += 8
            }
            while i < end, p[i] &- 0x30 <= 9 {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(p[i] &- 0x30); digits += 1 } else { overflow = true }
                i += 1
            }
        }
        let intStart = i
        digitRun(&i)
        let intDigits = i - intStart
        guard intDigits > 0 else { return nil }
        var fractionDigits = 0
        if i < end, p[i] == UInt8(ascii: ".") {
            i += 1
            let fracStart = i
            digitRun(&i)
            fractionDigits = i - fracStart
            guard fractionDigits > 0 else { return nil }
        }
        var exponent = 0
        var hasExponent = false
        if i < end, p[i] | 0x20 == UInt8(ascii: "e") {
            hasExponent = true
            i += 1
            var expNegative = false
            if i < end, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") { expNegative = p[i] == UInt8(ascii: "-"); i += 1 }
            let expStart = i
            while i < end, p[i] &- 0x30 <= 9 {
                if exponent < 100_000 { exponent = exponent * 10 + Int(p[i] &- 0x30) }
                i += 1
            }
            guard i > expStart else { return nil }
            if expNegative { exponent = -exponent }
        }
        guard i == end else { return nil }
        // `1.020`, `-15.131`: a thousands group with a decimal comma as well; not ours to decide.
        if !hasExponent, fractionDigits == 3, intDigits <= 3 { return nil }
        let exp10 = exponent - fractionDigits
        if !overflow, mantissa < (1 << 53), exp10 >= -22, exp10 <= 22 {
            var x = Double(mantissa)
            if exp10 >= 0 { x *= powers[exp10] } else { x /= powers[-exp10] }
            return negative ? -x : x
        }
        if mantissa == 0 && !overflow { return negative ? -0.0 : 0.0 }
        #if arch(x86_64) && !os(Windows)
        // Up to 19 digits and |exp10| ≤ 27: one correctly rounded x87 extended operation on exact
        // operands (10^27 = 2^27·5^27 and 5^27 < 2^64 fit a 64-bit significand), then rounding
        // to Double. The double rounding can differ from one rounding of the exact value only
        // when the extended result is exactly halfway between two doubles (its 11 bits below
        // the double's 53 are 1000…0): then strtod decides. Results lie in [1e-27, 2e46], where
        // doubles are normal, so the 53-bit boundary is the rounding boundary.
        if !overflow, exp10 >= -27, exp10 <= 27 {
            let w = Float80(mantissa)
            let r = exp10 >= 0 ? w * powers80[exp10] : w / powers80[-exp10]
            if r.significandBitPattern & 0x7FF != 0x400 {
                let x = Double(r)
                return negative ? -x : x
            }
        }
        #endif
        let text = String(decoding: UnsafeBufferPointer(rebasing: p[start..<end]), as: UTF8.self)
        return Double(text)
    }
}
