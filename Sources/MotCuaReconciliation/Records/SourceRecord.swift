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
    /// Fields that were damaged and read for what could be trusted (``DamagedField`` bits).
    var damaged: UInt8 = 0
    /// The ID field's number as read, and its count of digits (a citizen ID read from 10 or 11 digits was
    /// zero-padded; 13 digits are no ID), for the search of an ID one slip away (``NearIDEvidence``).
    var rawID: UInt64 = 0
    var idDigitCount: UInt8 = 0

    enum IDKind: UInt8, Sendable {
        case none
        case citizen
        case legacy
        /// Twelve digits that fail the structural rules of domain.md §1.4.
        case invalid
        /// Something that is not an ID even with scanner confusions undone (a wrong digit count, stray
        /// characters): kept as no ID, and the finding quotes it.
        case unreadable
    }
}

/// The fields of a row that ``FieldParsing`` read in part or not at all because they were damaged.
enum DamagedField {
    static let id: UInt8 = 1
    static let dateOfBirth: UInt8 = 2
    static let eventDate: UInt8 = 4

    /// Names for the report, by bit.
    static let names: [(UInt8, String)] = [(id, "citizen_id"), (dateOfBirth, "date_of_birth"), (eventDate, "event_date")]
}
