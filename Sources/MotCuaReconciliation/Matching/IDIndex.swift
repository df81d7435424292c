/// An open-addressing hash map from a non-zero 64-bit ID to a register row index.
///
/// A `Dictionary` would do, but building and probing one with 3.5 million entries costs several times
/// more; IDs are already well spread, so a multiplicative hash and linear probing are enough.
struct IDIndex: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private let mask: Int
    /// One bit per hash of a key, 16 bits per slot pair: a look-up of a key that is absent, as nearly all of the
    /// near-ID search's 116 per record are, mostly stops at this 16-times smaller array instead of the table.
    private var presence: [UInt64]
    private let presenceShift: UInt64
    /// IDs that occurred more than once; the first occurrence is kept.
    private(set) var duplicates: [UInt64] = []

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = .hugePaged(repeating: 0, count: size)
        values = .hugePaged(repeating: -1, count: size)
        mask = size - 1
        // 8 bits per slot, that is 16 per key at most: about one absent key in 16 passes the filter.
        presence = .hugePaged(repeating: 0, count: max(1, size / 8))
        presenceShift = UInt64(64 - (size * 8).trailingZeroBitCount)
    }

    @inline(__always)
    private func presenceBit(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0xC2B2_AE3D_27D4_EB4F) >> presenceShift) }

    /// Whether `key` may be in the index; false means it certainly is not.
    @inline(__always)
    func mayContain(_ key: UInt64) -> Bool {
        let bit = presenceBit(key)
        return presence[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask }

    mutating func insert(_ key: UInt64, _ value: Int32) {
        guard key != 0 else { return }
        var index = slot(key)
        while keys[index] != 0 {
            if keys[index] == key {
                duplicates.append(key)
                return
            }
            index = (index + 1) & mask
        }
        keys[index] = key
        values[index] = value
        let bit = presenceBit(key)
        presence[bit >> 6] |= 1 << UInt64(bit & 63)
    }

    @inline(__always)
    func find(_ key: UInt64) -> Int32? {
        guard key != 0 else { return nil }
        var index = slot(key)
        while true {
            let found = keys[index]
            if found == key { return values[index] }
            if found == 0 { return nil }
            index = (index + 1) & mask
        }
    }
}
