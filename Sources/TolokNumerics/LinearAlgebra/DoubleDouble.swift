/// A "double-double" number: the unevaluated sum `hi + lo` of two doubles with
/// |lo| ≤ ½ ulp(hi), carrying about 106 significant bits (≈ 32 decimal digits) with the
/// exponent range of `Double`.
///
/// Used to accumulate residuals and sums of squares in extended precision (see
/// ``LeastSquares``). The building blocks are error-free transformations:
///
/// - **TwoSum** (Knuth, *TAOCP* vol. 2, §4.2.2, Theorem B; Møller 1965): for doubles a, b,
///   s = fl(a + b) and e = (a − (s − b′)) + (b − b′), b′ = s − a, satisfy s + e = a + b exactly.
/// - **FastTwoSum** (Dekker 1971): if |a| ≥ |b|, s = fl(a + b), e = b − (s − a) is exact.
/// - **TwoProduct** with a fused multiply-add: p = fl(a·b), e = fma(a, b, −p) gives
///   p + e = a·b exactly (barring underflow).
///
/// The double-double operations follow Hida, Li & Bailey, "Algorithms for quad-double
/// precision floating point arithmetic" (ARITH-15, 2001) and Muller et al., *Handbook of
/// Floating-Point Arithmetic* (2nd ed., 2018), ch. 14; their relative error is a small
/// multiple of 2⁻¹⁰⁶.
public struct DoubleDouble: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The leading component: the double nearest to the value.
    public var hi: Double
    /// The trailing component, |lo| ≤ ½ ulp(hi).
    public var lo: Double

    /// Zero.
    public static let zero = DoubleDouble(0)

    /// The exact value of a double.
    @inlinable public init(_ x: Double) {
        hi = x
        lo = 0
    }

    /// A value from components; they are renormalised so that |lo| ≤ ½ ulp(hi).
    @inlinable public init(hi: Double, lo: Double) {
        let (s, e) = DoubleDouble.twoSum(hi, lo)
        self.hi = s
        self.lo = e
    }

    @inlinable init(uncheckedHi hi: Double, lo: Double) {
        self.hi = hi
        self.lo = lo
    }

    /// The value rounded to the nearest double.
    @inlinable public var doubleValue: Double { hi + lo }

    public var description: String { "\(hi) + \(lo)" }

    // MARK: Error-free transformations

    /// TwoSum: s = fl(a + b) and the exact rounding error e, so that s + e = a + b.
    @inlinable public static func twoSum(_ a: Double, _ b: Double) -> (sum: Double, error: Double) {
        let s = a + b
        let bb = s - a
        let e = (a - (s - bb)) + (b - bb)
        return (s, e)
    }

    /// FastTwoSum: as ``twoSum(_:_:)`` but valid only when |a| ≥ |b| (or a = 0).
    @inlinable public static func fastTwoSum(_ a: Double, _ b: Double) -> (sum: Double, error: Double) {
        let s = a + b
        let e = b - (s - a)
        return (s, e)
    }

    /// TwoProduct: p = fl(a·b) and the exact rounding error e = fma(a, b, −p), p + e = a·b.
    @inlinable public static func twoProduct(_ a: Double, _ b: Double) -> (product: Double, error: Double) {
        let p = a * b
        let e = (-p).addingProduct(a, b)
        return (p, e)
    }

    // MARK: Arithmetic

    /// Sum of two double-doubles (the accurate, "IEEE-style" addition of Hida–Li–Bailey).
    @inlinable public static func + (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        var (s, e) = twoSum(a.hi, b.hi)
        let (t, f) = twoSum(a.lo, b.lo)
        e += t
        (s, e) = fastTwoSum(s, e)
        e += f
        (s, e) = fastTwoSum(s, e)
        return DoubleDouble(uncheckedHi: s, lo: e)
    }

    /// Sum of a double-double and a double.
    @inlinable public static func + (a: DoubleDouble, b: Double) -> DoubleDouble {
        var (s, e) = twoSum(a.hi, b)
        e += a.lo
        (s, e) = fastTwoSum(s, e)
        return DoubleDouble(uncheckedHi: s, lo: e)
    }

    @inlinable public static prefix func - (a: DoubleDouble) -> DoubleDouble {
        DoubleDouble(uncheckedHi: -a.hi, lo: -a.lo)
    }

    @inlinable public static func - (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble { a + (-b) }

    @inlinable public static func - (a: DoubleDouble, b: Double) -> DoubleDouble { a + (-b) }

    /// Product of a double-double and a double.
    @inlinable public static func * (a: DoubleDouble, b: Double) -> DoubleDouble {
        var (p, e) = twoProduct(a.hi, b)
        e = e.addingProduct(a.lo, b)
        (p, e) = fastTwoSum(p, e)
        return DoubleDouble(uncheckedHi: p, lo: e)
    }

    /// Product of two double-doubles (the a.lo·b.lo term, below 2⁻¹⁰⁶ relative, is dropped).
    @inlinable public static func * (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        var (p, e) = twoProduct(a.hi, b.hi)
        e = e.addingProduct(a.hi, b.lo)
        e = e.addingProduct(a.lo, b.hi)
        (p, e) = fastTwoSum(p, e)
        return DoubleDouble(uncheckedHi: p, lo: e)
    }

    /// Quotient of two double-doubles: q₁ = fl(a/b), then one correction step
    /// q₂ = fl((a − q₁·b)/b) computed in double-double.
    @inlinable public static func / (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let q1 = a.hi / b.hi
        let r = a - b * q1
        let q2 = r.hi / b.hi
        let r2 = r - b * q2
        let q3 = r2.hi / b.hi
        let (s, e) = fastTwoSum(q1, q2)
        return DoubleDouble(uncheckedHi: s, lo: e) + q3
    }

    @inlinable public static func += (a: inout DoubleDouble, b: DoubleDouble) { a = a + b }
    @inlinable public static func += (a: inout DoubleDouble, b: Double) { a = a + b }
    @inlinable public static func -= (a: inout DoubleDouble, b: DoubleDouble) { a = a - b }
    @inlinable public static func -= (a: inout DoubleDouble, b: Double) { a = a - b }

    /// Adds the exact product x·y: self ← self + x·y, with x·y formed error-free by
    /// ``twoProduct(_:_:)`` and added in double-double.
    @inlinable public mutating func addProduct(_ x: Double, _ y: Double) {
        let (p, e) = DoubleDouble.twoProduct(x, y)
        self = self + DoubleDouble(uncheckedHi: p, lo: e)
    }

    /// The square root, by one Newton step from the double square root:
    /// √a ≈ s + (a − s²)/(2s), s = fl(√a.hi). Returns NaN for negative input.
    public var squareRoot: DoubleDouble {
        if hi <= 0 { return hi == 0 ? .zero : DoubleDouble(.nan) }
        let s = hi.squareRoot()
        let (p, e) = DoubleDouble.twoProduct(s, s)
        let diff = (self - DoubleDouble(uncheckedHi: p, lo: e)).hi
        return DoubleDouble(s) + diff / (2 * s)
    }
}

extension DoubleDouble: Comparable {
    @inlinable public static func < (a: DoubleDouble, b: DoubleDouble) -> Bool {
        a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo)
    }
}

extension DoubleDouble {
    /// Σ xᵢ accumulated in double-double.
    public static func sum(_ xs: [Double]) -> DoubleDouble {
        var s = DoubleDouble.zero
        for x in xs { s += x }
        return s
    }

    /// Σ xᵢ·yᵢ accumulated in double-double (each product formed exactly).
    /// The arrays must have equal length.
    public static func dot(_ xs: [Double], _ ys: [Double]) -> DoubleDouble {
        precondition(xs.count == ys.count, "DoubleDouble.dot: lengths differ")
        var s = DoubleDouble.zero
        for i in xs.indices { s.addProduct(xs[i], ys[i]) }
        return s
    }
}
