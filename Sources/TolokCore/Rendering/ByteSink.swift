/// The one output buffer of the CSV and JSON renderers: bytes appended in place (no `String`
/// concatenation per cell), handed to ``AtomicFile`` as they are.
struct ByteSink {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    @inline(__always) mutating func append(_ b: UInt8) { bytes.append(b) }

    @inline(__always) mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    @inline(__always) mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// `String(i)`, without the String.
    mutating func append(integer i: Int64) {
        if i < 0 {
            bytes.append(UInt8(ascii: "-"))
            appendDigits(i.magnitude)
        } else {
            appendDigits(UInt64(i))
        }
    }

    private mutating func appendDigits(_ v: UInt64) {
        if v < 10 { bytes.append(0x30 + UInt8(v)); return }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes ≥ 20 digits
        var n = 0
        var x = v
        withUnsafeMutableBytes(of: &digits) { p in
            while x > 0 { p[23 - n] = 0x30 + UInt8(x % 10); x /= 10; n += 1 }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[(24 - n)...]))
        }
    }

    /// ``ValueFormatting/exact(_:)`` of `x`, byte for byte: an integral value below 10^15 as an
    /// integer, else Swift's shortest round-trip `description` — for a finite value written here
    /// by ``ShortestDouble`` (Schubfach; no String per number), for inf/NaN through `description`.
    mutating func append(exact x: Double) {
        if x == x.rounded(), abs(x) < 1e15 { append(integer: Int64(x)); return }
        if x.isFinite { ShortestDouble.append(x, to: &bytes) } else { append(x.description) }
    }
}
