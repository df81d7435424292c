import Foundation
import MotCuaDomain
import MotCuaStorage

/// The data-entry queue of legacy registers for the officers of one commune (agency): take the next slot, type
/// its record, have a second officer verify it. A book, an entry or a page of another agency is "not found" to
/// them, as another agency's dossier is.
public struct LegacyDataEntry: Sendable {
    let registers: SQLLegacyRegisterRepository
    let blobs: any BlobStore
    let today: @Sendable () -> LocalDate

    public init(registers: SQLLegacyRegisterRepository, blobs: any BlobStore, today: @escaping @Sendable () -> LocalDate) {
        self.registers = registers
        self.blobs = blobs
        self.today = today
    }

    /// An officer, as far as the queue cares.
    public struct Officer: Sendable, Hashable {
        public let id: String
        public let agencyID: String

        public init(id: String, agencyID: String) {
            self.id = id
            self.agencyID = agencyID
        }
    }

    /// The slot the officer is typing, or the next free one of their agency; nil when the queue is empty.
    public func takeNext(by officer: Officer) async throws -> LegacyEntry? {
        try await registers.takeNext(agencyID: officer.agencyID, by: officer.id)
    }

    /// Checks the typed record against its book (kind, year) and stores it for verification.
    public func submit(entryID: String, record: LegacyRecord, expectedVersion: Int, by officer: Officer) async throws -> LegacyEntry {
        let (_, book) = try await visible(entryID, to: officer)
        let valid = try LegacyRecordValidator.validated(record, kind: book.identity.kind, bookYear: book.identity.year, today: today())
        return try await registers.submit(entryID: entryID, record: valid, expectedVersion: expectedVersion, by: officer.id)
    }

    /// A second officer accepts the record or sends it back with a reason (required then).
    public func verify(entryID: String, accept: Bool, reason: String?, expectedVersion: Int, by officer: Officer) async throws -> LegacyEntry {
        _ = try await visible(entryID, to: officer)
        var note: String?
        if !accept {
            note = try LegacyText.line(reason ?? "", field: "reason", maximum: 500, required: true)
        }
        return try await registers.verify(entryID: entryID, accept: accept, reason: note, expectedVersion: expectedVersion, by: officer.id)
    }

    /// The records of the officer's agency waiting for a verifier other than them.
    public func awaitingVerification(by officer: Officer) async throws -> [LegacyEntry] {
        try await registers.awaitingVerification(agencyID: officer.agencyID, excluding: officer.id)
    }

    /// The scanned page an entry is on, for the officer typing or verifying it.
    public func pageImage(bookID: String, page: Int, for officer: Officer) async throws -> (LegacyPageImage, any BlobReader) {
        guard let book = try await registers.book(id: bookID), book.identity.agencyID == officer.agencyID,
            let image = try await registers.page(bookID: bookID, number: page), let reader = try await blobs.open(image.digest)
        else { throw LegacyRegisterError.notFound }
        return (image, reader)
    }

    /// The page of a civil-status record linked to the person, for their own download; "not found" for anyone else's.
    public func linkedPage(entryID: String, of person: CitizenID) async throws -> (LegacyEntry, LegacyPageImage, any BlobReader) {
        guard let entry = try await registers.entry(id: entryID), entry.linkState == .linked, entry.citizenID == person.value,
            let image = try await registers.page(bookID: entry.bookID, number: entry.page), let reader = try await blobs.open(image.digest)
        else { throw LegacyRegisterError.notFound }
        return (entry, image, reader)
    }

    /// Progress of the officer's agency, book by book.
    public func progress(for officer: Officer) async throws -> [LegacyBookProgress] {
        try await registers.progress(agencyID: officer.agencyID)
    }

    private func visible(_ entryID: String, to officer: Officer) async throws -> (LegacyEntry, LegacyBook) {
        guard let entry = try await registers.entry(id: entryID), entry.agencyID == officer.agencyID,
            let book = try await registers.book(id: entry.bookID)
        else { throw LegacyRegisterError.notFound }
        return (entry, book)
    }
}
