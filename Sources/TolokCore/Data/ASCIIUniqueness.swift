/// The first repeated text of a list, found by hashing the texts' bytes (no `String` hashing,
/// no dictionary of 10⁶ Strings): for ids, where the repeat is an error.
///
/// Only for ASCII texts: two ASCII Strings are equal exactly when their bytes are, while a
/// non-ASCII text can equal another with other bytes (`String` compares by canonical
/// equivalence: U+037E equals `;`). When some text is not ASCII the answer is ``Outcome/notASCII``
/// and the caller compares Strings.
enum ASCIIUniqueness {
    enum Outcome: Equatable {
        /// Every text differs from every other.
        case distinct
        /// Text `row` (the first such) equals the earlier text `first`.
        case repeated(row: Int, first: Int)
        /// Some text is not ASCII (or not contiguous UTF-8): no answer.
        case notASCII
    }

    static func firstRepeat(_ texts: [String]) -> Outcome {
        let n = texts.count
        guard n > 1 else { return .distinct }
        var capacity = 16
        while capacity < 2 * n { capacity <<= 1 }
        let mask = capacity - 1
        // Open addressing, linear probing: slot → row + 1 (0 = empty), and the row's hash.
        var slots = [Int32](repeating: 0, count: capacity)
        var hashes = [Int](repeating: 0, count: n)
        let seed = Int.random(in: Int.min...Int.max)  // per run: no crafted file makes probing quadratic
        for r in 0..<n {
            var ascii = true
            let h: Int? = texts[r].utf8.withContiguousStorageIfAvailable { bytes -> Int in
                var hasher = Hasher()
                hasher.combine(seed)
                var high: UInt8 = 0
                for b in bytes { high |= b }
                ascii = high < 0x80
                hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
                return hasher.finalize()
            }
            guard let h, ascii else { return .notASCII }
            hashes[r] = h
            var i = h & mask
            while slots[i] != 0 {
                let j = Int(slots[i]) - 1
                if hashes[j] == h, texts[j].utf8.elementsEqual(texts[r].utf8) { return .repeated(row: r, first: j) }
                i = (i + 1) & mask
            }
            slots[i] = Int32(r + 1)
        }
        return .distinct
    }
}
