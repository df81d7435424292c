/// Everything changed since generation, kept apart from the immutable rows (see ``NationalRegistry``).
struct Overlay: Sendable {
    /// The mutable part of a person's row.
    struct PersonState: Sendable, Hashable {
        var marital: UInt8
        var spouse: Int32
        var deathDay: Int32
    }

    var people: [Int32: PersonState] = [:]
    /// Land parcels changed since generation (owners converted from old IDs, a new holder, area or use from a
    /// land procedure's result): the whole row as it now stands.
    var parcels: [Int32: ParcelRow] = [:]
    /// Parcels whose new holder the generated owner index does not list.
    var parcelsByOwner: [Int32: [Int32]] = [:]
    /// People whose insurance record was re-keyed from the old ID to the citizen ID.
    var insuranceConverted: Set<Int32> = []
    /// New registrations; their indices continue after the generated ones.
    var civil: [CivilRow] = []
    var civilByPerson: [Int32: [Int32]] = [:]
    var civilByNumber: [UInt64: Int32] = [:]
    /// Sequence numbers used since generation, per counter slot (``RegistryStorage/civilCounter(kind:commune:year:)``).
    var civilCounters: [Int: UInt32] = [:]
}
