/// One person of the population register, in the compact form the matcher works on.
///
/// Strings are not kept: `offset` points back at the row in the file so that findings can quote the
/// register's own values.
struct RegisterPerson: Sendable {
    var citizenID: UInt64
    var legacyID: UInt64
    var spouseID: UInt64
    var name: NameKeys
    var dateOfBirth: Int32
    var commune: UInt32
    var offset: Int
    var sex: UInt8
    var maritalStatus: UInt8
    var vitalStatus: UInt8
}

/// Codes for sex, marital and vital status, and event types; 0 is always "not stated".
enum Code {
    static let male: UInt8 = 1
    static let female: UInt8 = 2

    static let single: UInt8 = 1
    static let married: UInt8 = 2
    static let divorced: UInt8 = 3
    static let widowed: UInt8 = 4

    static let alive: UInt8 = 1
    static let deceased: UInt8 = 2

    static let birth: UInt8 = 1
    static let marriage: UInt8 = 2
    static let divorce: UInt8 = 3
    static let death: UInt8 = 4

    static let eventNames = ["", "birth", "marriage", "divorce", "death"]
    static let maritalNames = ["", "single", "married", "divorced", "widowed"]
    static let sexNames = ["", "male", "female"]
}

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
