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
    /// A second commune the record's place text may denote (an ambiguous name), or 0.
    var communeAlternative: UInt32
    /// Hash of everything in the row that does not describe the person (event, dates, other columns):
    /// two records of one person are the same record only when this agrees too.
    var contentHash: UInt64
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
