import Foundation

extension UUID {
    /// A version 7 UUID (RFC 9562, section 5.7): the first 48 bits are the Unix time in milliseconds, then the
    /// version, 74 random bits and the variant.
    ///
    /// Dossier ids are keys of several B-tree indexes (the dossier's id, its history, its verification and its
    /// index facts). Random (version 4) ids put every new dossier on a different leaf page of each of them, so a
    /// commit of a few receipts wrote a dozen pages more to the write-ahead log; ids that grow with time are
    /// appended at the right edge, where one page takes many receipts. The 74 random bits keep ids unguessable.
    public static func timeOrdered<G: RandomNumberGenerator>(at date: Date, using generator: inout G) -> UUID {
        let milliseconds = UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded(.down))) & 0xFFFF_FFFF_FFFF
        let randomA = generator.next() as UInt64
        let randomB = generator.next() as UInt64
        let bytes: uuid_t = (
            UInt8(truncatingIfNeeded: milliseconds >> 40), UInt8(truncatingIfNeeded: milliseconds >> 32),
            UInt8(truncatingIfNeeded: milliseconds >> 24), UInt8(truncatingIfNeeded: milliseconds >> 16),
            UInt8(truncatingIfNeeded: milliseconds >> 8), UInt8(truncatingIfNeeded: milliseconds),
            0x70 | UInt8(truncatingIfNeeded: randomA >> 8) & 0x0F, UInt8(truncatingIfNeeded: randomA),
            0x80 | UInt8(truncatingIfNeeded: randomB >> 56) & 0x3F, UInt8(truncatingIfNeeded: randomB >> 48),
            UInt8(truncatingIfNeeded: randomB >> 40), UInt8(truncatingIfNeeded: randomB >> 32),
            UInt8(truncatingIfNeeded: randomB >> 24), UInt8(truncatingIfNeeded: randomB >> 16),
            UInt8(truncatingIfNeeded: randomB >> 8), UInt8(truncatingIfNeeded: randomB))
        return UUID(uuid: bytes)
    }

    /// A version 7 UUID from the system's cryptographic random source.
    public static func timeOrdered(at date: Date) -> UUID {
        var generator = SystemRandomNumberGenerator()
        return timeOrdered(at: date, using: &generator)
    }
}
