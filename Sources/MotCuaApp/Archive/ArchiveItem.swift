import Foundation
import MotCuaDomain
import MotCuaStorage

/// One item of a person's archive, whichever kind: what the citizen, an official through a dossier, and the
/// recipient of a share see about it. Each kind comes from its own `ArchiveSource`.
struct ArchiveItem: Sendable {
    /// The kinds of item; a new kind adds a case here and an `ArchiveSource` that reads it.
    enum Kind: String, Sendable, CaseIterable {
        case result, document
        /// A civil-status record typed from a legacy paper register and linked to the person.
        case civilStatusRecord = "civil_status_record"
    }

    enum State: String, Sendable, CaseIterable {
        case valid, superseded, revoked, expired, stored
    }

    let kind: Kind
    let id: String
    let type: String
    let nameVi: String
    let nameEn: String
    let issuer: String?
    let date: LocalDate
    let validUntil: LocalDate?
    let state: State
    let dossierCode: String
    let mediaType: String?
    let pages: Int?
    /// Where the item stands in the archive's order (newest first).
    let position: ArchivePosition
    /// Where a civil-status record from a legacy register is written.
    var register: (book: RegisterBookIdentity, page: Int, entry: Int)? = nil
}

/// Reads one kind of archive item, a page at a time, in the archive's order.
protocol ArchiveSource: Sendable {
    var kind: ArchiveItem.Kind { get }
    /// At most `limit` items strictly after `position`, newest first; only those in `state` when given.
    func page(of person: CitizenID, after position: ArchivePosition?, state: ArchiveItem.State?, today: LocalDate, limit: Int) async throws
        -> [ArchiveItem]
    /// The person's item with this id; nil when there is none or it is someone else's.
    func item(id: String, of person: CitizenID, today: LocalDate) async throws -> ArchiveItem?
}
