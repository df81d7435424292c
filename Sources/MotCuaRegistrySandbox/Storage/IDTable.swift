/// An open-addressing hash table from a non-zero 64-bit key (an ID as an integer) to a row index.
///
/// Two flat arrays and linear probing: at 3.6 million keys this costs about 100 MB and one or two cache
/// misses per look-up, where a `Dictionary<String, Int>` would cost several times the memory.
struct IDTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private let mask: Int

    /// A table for up to `count` keys at a load factor of at most 0.5.
    init(capacityFor count: Int) {
        var size = 16
        while size < count * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: -1, count: size)
        mask = size - 1
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: SplitMix64.mix(key)) & mask }

    /// Inserts a key; returns false, changing nothing, when it is already present.
    @discardableResult
    mutating func insert(_ key: UInt64, _ value: Int32) -> Bool {
        precondition(key != 0, "IDTable keys are non-zero")
        var index = slot(key)
        while keys[index] != 0 {
            if keys[index] == key { return false }
            index = (index + 1) & mask
        }
        keys[index] = key
        values[index] = value
        return true
    }

    func find(_ key: UInt64) -> Int32? {
        guard key != 0 else { return nil }
        var index = slot(key)
        while keys[index] != 0 {
            if keys[index] == key { return values[index] }
            index = (index + 1) & mask
        }
        return nil
    }
}
