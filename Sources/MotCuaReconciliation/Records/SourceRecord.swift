/// One row of the source dataset, compact.
struct SourceRecord: Sendable {
    /// What the ID column held.
    var idKind: IDKind
    /// The 12-digit ID (or the 12 digits of an invalid one), or 0.
    var citizenID: UInt64
    /// The 9-digit old ID, or 0.
    var legacyID: UInt64
    var name: NameKeys
    var dateOfBirth: Int32
    var eventDate: Int32
    var commune: UInt32
    var offset: Int
    var sex: UInt8
    var event: UInt8

    enum IDKind: UInt8, Sendable {
        case none
        case citizen
        case legacy
        /// Twelve digits that fail the structural rules of domain.md §1.4.
        case invalid
    }
}
