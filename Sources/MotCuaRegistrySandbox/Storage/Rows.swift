/// A person in compact form: no strings, indices into the name and place tables and into the other rows.
///
/// At 3.6 million people every byte here costs 3.6 MB, so text is composed on demand (``NationalRegistry``).
struct PersonRow: Sendable, Hashable {
    /// The 12-digit citizen ID as an integer (leading zeros implied). During generation, until numbering,
    /// it holds only the 6-digit prefix `PPPGYY`.
    var id: UInt64
    /// Days since 1970-01-01.
    var birthDay: Int32
    /// Days since 1970-01-01, or ``alive``.
    var deathDay: Int32 = PersonRow.alive
    /// The 9-digit old ID, or 0.
    var legacy: UInt32 = 0
    var spouse: Int32 = -1
    var father: Int32 = -1
    var mother: Int32 = -1
    var household: Int32
    var surname: UInt8
    var middle: UInt8
    var given: UInt8
    var female: Bool
    /// ``MaritalStatus/code``.
    var marital: UInt8 = 0
    /// Index into ``PlaceTables/birthPlaces``.
    var birthPlace: UInt8
    var nativePlace: UInt8
    /// Index into ``Commune/bacNinh`` where the person actually lives, or ``samePlace``.
    var currentCommune: UInt8 = PersonRow.samePlace
    /// 0: uninsured, 1: keyed by citizen ID, 2: keyed by old ID only.
    var insurance: UInt8 = 0
    /// Clinic index (``PlaceTables/clinic(_:)``) and benefit level 1–5.
    var clinic: UInt8 = 0
    var benefitLevel: UInt8 = 0
    /// 0: no tax registration, 1: citizen ID only, 2: also a 10-digit code from before 2025.
    var tax: UInt8 = 0

    static let alive = Int32.min
    static let samePlace = UInt8.max

    var isAlive: Bool { deathDay == Self.alive }
}

/// A household (hộ gia đình): its address and its members, who are stored contiguously.
struct HouseholdRow: Sendable, Hashable {
    var commune: UInt8
    var village: UInt8
    var houseNumber: UInt16
    var head: Int32
    var firstMember: Int32
    var memberCount: UInt8
    /// Number within the commune, assigned after generation.
    var sequence: UInt32 = 0
}

/// A civil-status registration. Parties: birth (child, father, mother), marriage and divorce (husband,
/// wife), death (deceased); -1 where absent.
struct CivilRow: Sendable, Hashable {
    var kind: UInt8
    var commune: UInt8
    var sequence: UInt32 = 0
    var day: Int32
    var first: Int32
    var second: Int32 = -1
    var third: Int32 = -1
}

/// A land parcel. Owners are person indices; a bit in ``legacyOwners`` says the register names that owner
/// by old ID only.
struct ParcelRow: Sendable, Hashable {
    var commune: UInt8
    var use: UInt8
    /// Number within the commune, assigned after generation; sheet and parcel number derive from it.
    var sequence: UInt32 = 0
    /// Tenths of a square metre.
    var area: UInt32
    var firstOwner: Int32
    var secondOwner: Int32 = -1
    var legacyOwners: UInt8 = 0
}

/// A household business.
struct BusinessRow: Sendable, Hashable {
    var owner: Int32
    var commune: UInt8
    var trade: UInt8
    var sequence: UInt32 = 0
    var day: Int32
}
