/// The registry's rows, joined from all chunks and numbered.
struct RegistryStorage: Sendable {
    var people: [PersonRow] = []
    var households: [HouseholdRow] = []
    var civil: [CivilRow] = []
    var parcels: [ParcelRow] = []
    var businesses: [BusinessRow] = []
    /// Last sequence number used per (kind, commune, year), so that new registrations continue the series.
    var civilCounters: [UInt32] = []

    static let civilCounterCount = 4 * 99 * 200

    /// Counter slot for registrations of a kind in a commune in a year (1900–2099).
    static func civilCounter(kind: UInt8, commune: UInt8, year: Int) -> Int {
        (Int(kind) * 99 + Int(commune)) * 200 + min(max(year - 1900, 0), 199)
    }

    /// The key under which a registration is found by its number.
    static func civilKey(kind: UInt8, commune: UInt8, year: Int, sequence: UInt32) -> UInt64 {
        UInt64(kind) << 56 | UInt64(commune) << 48 | UInt64(year) << 32 | UInt64(sequence)
    }
}
