import Foundation
import MotCuaDomain
import SQLKit

/// Legacy register books, their pages and entry slots, and the data-entry queue, for SQLite and PostgreSQL.
///
/// Every change of an entry is a compare-and-set on its `version` inside one transaction that also appends to
/// `legacy_entry_history`, so two officers never hold the same slot and every step is on record.
public struct SQLLegacyRegisterRepository: Sendable {
    let store: any SQLStore

    public init(store: any SQLStore) {
        self.store = store
    }

    /// A claimed slot nobody finished for this long goes back to the queue.
    public static let claimLifetime: TimeInterval = 2 * 3600

    // MARK: - Import

    /// The book with this identity or content, if one was imported (its pages are then all there).
    public func existingBook(_ identity: RegisterBookIdentity, contentSHA256: String) async throws -> LegacyBook? {
        try await store.read { database in try await Self.existing(identity, contentSHA256: contentSHA256, on: database) }
    }

    /// Writes the book, its pages and an open slot per entry in one transaction: all of them or, on any failure,
    /// none. Refuses a book already imported under the same identity, or with the same pages, precisely.
    @discardableResult
    public func importBook(
        _ identity: RegisterBookIdentity, contentSHA256: String, pages: [LegacyPageImport], by actor: String, at now: Date = Date()
    ) async throws -> LegacyBook {
        let id = UUID().lowercasedText
        let book = LegacyBook(
            id: id, identity: identity, contentSHA256: contentSHA256, pages: pages.count, entries: pages.reduce(0) { $0 + $1.entries },
            importedBy: actor, importedAt: now)
        do {
            try await store.withWriteConnection { database in
                if let existing = try await Self.existing(identity, contentSHA256: contentSHA256, on: database) {
                    throw LegacyRegisterError.alreadyImported(book: existing.identity.label, byContent: existing.identity != identity)
                }
                try await database.raw("""
                    INSERT INTO legacy_books (id, agency_id, kind, book, volume, year, content_sha256, pages, entries, imported_by, imported_at) \
                    VALUES (\(bind: id), \(bind: identity.agencyID), \(bind: identity.kind.rawValue), \(bind: identity.book), \
                    \(bind: identity.volume), \(bind: identity.year), \(bind: contentSHA256), \(bind: book.pages), \(bind: book.entries), \
                    \(bind: actor), \(bind: DossierRow.ms(now)!))
                    """).run()
                try await database.insertRows(
                    into: "legacy_pages", columns: ["book_id", "page_number", "sha256", "media_type", "size_bytes", "width", "height", "entries"],
                    rows: pages.map { page -> [any Encodable & Sendable] in
                        [id, page.number, page.digest.hex, page.inspection.mediaType.rawValue, page.inspection.size, page.inspection.width,
                         page.inspection.height, page.entries]
                    })
                let slots = pages.lazy.flatMap { page in
                    (1...page.entries).lazy.map { entry -> [any Encodable & Sendable] in
                        [Self.entryID(book: id, page: page.number, entry: entry), id, identity.agencyID, page.number, entry, "open", 1, "none"]
                    }
                }
                try await database.insertRows(
                    into: "legacy_entries", columns: ["id", "book_id", "agency_id", "page_number", "entry_number", "state", "version", "link_state"],
                    rows: Array(slots))
            }
        } catch let error as LegacyRegisterError {
            throw error
        } catch {
            // Two imports of one book at once: the unique keys let one through; the other is told which.
            if let existing = try await existingBook(identity, contentSHA256: contentSHA256) {
                throw LegacyRegisterError.alreadyImported(book: existing.identity.label, byContent: existing.identity != identity)
            }
            throw error
        }
        return book
    }

    /// `<book>:<page, 5 digits>:<entry, 3 digits>`: ordering by id is page and entry order.
    static func entryID(book: String, page: Int, entry: Int) -> String {
        book + ":" + String(format: "%05d", page) + ":" + String(format: "%03d", entry)
    }

    private static func existing(_ identity: RegisterBookIdentity, contentSHA256: String, on database: any SQLDatabase) async throws -> LegacyBook? {
        try await database.raw("""
            SELECT * FROM legacy_books WHERE (agency_id = \(bind: identity.agencyID) AND kind = \(bind: identity.kind.rawValue) \
            AND book = \(bind: identity.book) AND volume = \(bind: identity.volume) AND year = \(bind: identity.year)) \
            OR content_sha256 = \(bind: contentSHA256) ORDER BY imported_at LIMIT 1
            """).first().map(Self.book)
    }

    // MARK: - Reading

    public func book(id: String) async throws -> LegacyBook? {
        try await store.read { database in try await database.raw("SELECT * FROM legacy_books WHERE id = \(bind: id)").first().map(Self.book) }
    }

    public func page(bookID: String, number: Int) async throws -> LegacyPageImage? {
        try await store.read { database in
            guard let row = try await database.raw("""
                SELECT * FROM legacy_pages WHERE book_id = \(bind: bookID) AND page_number = \(bind: number)
                """).first()
            else { return nil }
            guard let digest = BlobDigest(hex: try row.decode(column: "sha256", as: String.self)),
                let mediaType = DocumentMediaType(rawValue: try row.decode(column: "media_type", as: String.self))
            else { throw StoredDataError("legacy_pages row has an unknown digest or media type") }
            return LegacyPageImage(bookID: bookID, number: number, digest: digest, mediaType: mediaType, size: try row.decode(column: "size_bytes", as: Int.self))
        }
    }

    public func entry(id: String) async throws -> LegacyEntry? {
        try await store.read { database in try await database.raw("SELECT * FROM legacy_entries WHERE id = \(bind: id)").first().map(Self.entry) }
    }

    public func history(entryID: String) async throws -> [LegacyEntryEvent] {
        try await store.read { database in
            try await database.raw("SELECT * FROM legacy_entry_history WHERE entry_id = \(bind: entryID) ORDER BY seq").all().map { row in
                LegacyEntryEvent(
                    seq: try row.decode(column: "seq", as: Int.self), action: try row.decode(column: "action", as: String.self),
                    actorID: try row.decode(column: "actor_id", as: String.self),
                    at: DossierRow.date(try row.decode(column: "at", as: Int.self))!, note: try row.decode(column: "note", as: String?.self))
            }
        }
    }

    // MARK: - The data-entry queue

    /// The slot the officer is typing, or else the first open slot of the agency (or one whose claim lapsed),
    /// taken under a version check; nil when nothing is left to type.
    public func takeNext(agencyID: String, by officer: String, at now: Date = Date()) async throws -> LegacyEntry? {
        let lapsed = DossierRow.ms(now.addingTimeInterval(-Self.claimLifetime))!
        return try await store.write(lane: "legacy") { database in
            if let own = try await database.raw("""
                SELECT * FROM legacy_entries WHERE agency_id = \(bind: agencyID) AND state IN ('claimed', 'returned') \
                AND claimed_by = \(bind: officer) ORDER BY id LIMIT 1
                """).first()
            {
                return try Self.entry(own)
            }
            // Another writer (another instance on PostgreSQL) may take the same row first: try the next few.
            let candidates = try await database.raw("""
                SELECT * FROM legacy_entries WHERE agency_id = \(bind: agencyID) AND (state = 'open' \
                OR (state = 'claimed' AND claimed_at < \(bind: lapsed))) ORDER BY id LIMIT 5
                """).all().map(Self.entry)
            for candidate in candidates {
                if let taken = try await Self.change(
                    candidate, to: .claimed, expectedVersion: candidate.version, set: ["claimed_by": officer, "claimed_at": DossierRow.ms(now)!],
                    action: "take", actor: officer, note: nil, at: now, on: database)
                {
                    return taken
                }
            }
            return nil
        }
    }

    /// Stores the typed record of a slot the officer holds (claimed, or returned to them), for verification.
    public func submit(entryID: String, record: LegacyRecord, expectedVersion: Int, by officer: String, at now: Date = Date()) async throws -> LegacyEntry {
        let json = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
        return try await store.write(lane: "legacy") { database in
            let current = try await Self.current(entryID, expectedVersion: expectedVersion, on: database)
            guard current.state == .claimed || current.state == .returned, current.claimedBy == officer else {
                throw LegacyRegisterError.conflict("the entry is not held by this officer")
            }
            return try await Self.require(
                Self.change(
                    current, to: .entered, expectedVersion: expectedVersion, set: ["entered_by": officer, "record": json, "return_reason": nil],
                    action: current.state == .returned ? "correct" : "enter", actor: officer, note: nil, at: now, on: database))
        }
    }

    /// A second officer accepts the typed record (it becomes verified) or sends it back with a reason.
    public func verify(entryID: String, accept: Bool, reason: String?, expectedVersion: Int, by officer: String, at now: Date = Date()) async throws -> LegacyEntry {
        try await store.write(lane: "legacy") { database in
            let current = try await Self.current(entryID, expectedVersion: expectedVersion, on: database)
            guard current.state == .entered else { throw LegacyRegisterError.conflict("the entry is not waiting for verification") }
            guard current.enteredBy != officer else { throw LegacyRegisterError.sameOfficer }
            if accept {
                return try await Self.require(
                    Self.change(
                        current, to: .verified, expectedVersion: expectedVersion, set: ["verified_by": officer], action: "verify", actor: officer,
                        note: nil, at: now, on: database))
            }
            // Back to the officer who typed it, who sees it first in their queue.
            return try await Self.require(
                Self.change(
                    current, to: .returned, expectedVersion: expectedVersion,
                    set: ["return_reason": reason, "claimed_by": current.enteredBy, "claimed_at": DossierRow.ms(now)!], action: "return",
                    actor: officer, note: reason, at: now, on: database))
        }
    }

    /// The next typed records of the agency waiting for a verifier other than `officer`.
    public func awaitingVerification(agencyID: String, excluding officer: String, limit: Int = 50) async throws -> [LegacyEntry] {
        try await store.read { database in
            try await database.raw("""
                SELECT * FROM legacy_entries WHERE agency_id = \(bind: agencyID) AND state = 'entered' AND entered_by <> \(bind: officer) \
                ORDER BY id LIMIT \(bind: max(1, min(limit, 500)))
                """).all().map(Self.entry)
        }
    }

    // MARK: - Linking

    /// Verified records not yet sent to the matcher, of one book or of all books, in entry order.
    public func verifiedUnlinked(bookID: String? = nil, limit: Int = 100_000) async throws -> [LegacyEntry] {
        try await store.read { database in
            var sql = SQLQueryString("SELECT * FROM legacy_entries WHERE state = 'verified' AND link_state = 'none'")
            if let bookID {
                sql.appendInterpolation(unsafeRaw: " AND book_id = ")
                sql.appendInterpolation(bind: bookID)
            }
            sql.appendInterpolation(unsafeRaw: " ORDER BY id LIMIT \(max(1, limit))")
            return try await database.raw(sql).all().map(Self.entry)
        }
    }

    /// Stores the engine's decisions (linked above the automatic threshold, otherwise a review item), in one transaction;
    /// an entry already decided is left as it is.
    public func recordLinks(_ decisions: [LegacyLinkDecision], by actor: String, at now: Date = Date()) async throws {
        try await store.write(lane: "legacy") { database in
            for decision in decisions {
                guard let row = try await database.raw("SELECT * FROM legacy_entries WHERE id = \(bind: decision.entryID)").first() else { continue }
                let current = try Self.entry(row)
                guard current.state == .verified, current.linkState == .none else { continue }
                let linked = decision.state == .linked
                _ = try await Self.change(
                    current, to: .verified, expectedVersion: current.version,
                    set: [
                        "link_state": decision.state.rawValue, "citizen_id": linked ? decision.citizenID : nil,
                        "candidate_id": linked ? nil : decision.citizenID, "score": decision.score,
                    ], action: linked ? "link" : "review", actor: actor, note: decision.score.map { String(format: "score %.1f", $0) }, at: now,
                    on: database)
            }
        }
    }

    /// Records in review, oldest first (the stewards' list).
    public func inReview(agencyID: String? = nil, limit: Int = 100) async throws -> [LegacyEntry] {
        try await store.read { database in
            var sql = SQLQueryString("SELECT * FROM legacy_entries WHERE link_state = 'review'")
            if let agencyID {
                sql.appendInterpolation(unsafeRaw: " AND agency_id = ")
                sql.appendInterpolation(bind: agencyID)
            }
            sql.appendInterpolation(unsafeRaw: " ORDER BY id LIMIT \(max(1, min(limit, 500)))")
            return try await database.raw(sql).all().map(Self.entry)
        }
    }

    /// A steward links a record in review to its candidate (or to the person they name), or rejects the link.
    public func decideReview(
        entryID: String, citizenID: CitizenID?, expectedVersion: Int, by steward: String, note: String?, at now: Date = Date()
    ) async throws -> LegacyEntry {
        try await store.write(lane: "legacy") { database in
            let current = try await Self.current(entryID, expectedVersion: expectedVersion, on: database)
            guard current.linkState == .review else { throw LegacyRegisterError.conflict("the record is not waiting for review") }
            let set: [String: (any Encodable & Sendable)?] =
                citizenID.map { ["link_state": "linked", "citizen_id": $0.value] } ?? ["link_state": "rejected"]
            return try await Self.require(
                Self.change(
                    current, to: .verified, expectedVersion: expectedVersion, set: set, action: citizenID == nil ? "reject-link" : "accept-link",
                    actor: steward, note: note, at: now, on: database))
        }
    }

    /// The person's linked records, each with its book, in book and entry order.
    public func linkedRecords(of person: CitizenID) async throws -> [LegacyArchivedRecord] {
        try await store.read { database in
            let entries = try await database.raw("""
                SELECT * FROM legacy_entries WHERE citizen_id = \(bind: person.value) AND link_state = 'linked' ORDER BY id LIMIT 1000
                """).all().map(Self.entry)
            var books: [String: LegacyBook] = [:]
            for bookID in Set(entries.map(\.bookID)) {
                books[bookID] = try await database.raw("SELECT * FROM legacy_books WHERE id = \(bind: bookID)").first().map(Self.book)
            }
            return entries.compactMap { entry in books[entry.bookID].map { LegacyArchivedRecord(entry: entry, book: $0) } }
        }
    }

    // MARK: - Progress

    /// Every book of the agency (or of all agencies) with its counts, by year, kind and book.
    public func progress(agencyID: String?) async throws -> [LegacyBookProgress] {
        try await store.read { database in
            var booksSQL = SQLQueryString("SELECT * FROM legacy_books")
            var countsSQL = SQLQueryString(
                "SELECT e.book_id, e.state, e.link_state, COUNT(*) AS n FROM legacy_entries e JOIN legacy_books b ON b.id = e.book_id")
            if let agencyID {
                booksSQL.appendInterpolation(unsafeRaw: " WHERE agency_id = ")
                booksSQL.appendInterpolation(bind: agencyID)
                countsSQL.appendInterpolation(unsafeRaw: " WHERE b.agency_id = ")
                countsSQL.appendInterpolation(bind: agencyID)
            }
            booksSQL.appendInterpolation(unsafeRaw: " ORDER BY agency_id, year, kind, book, volume")
            countsSQL.appendInterpolation(unsafeRaw: " GROUP BY e.book_id, e.state, e.link_state")
            var progress = try await database.raw(booksSQL).all().map { LegacyBookProgress(book: try Self.book($0)) }
            let index = Dictionary(uniqueKeysWithValues: progress.enumerated().map { ($1.book.id, $0) })
            for row in try await database.raw(countsSQL).all() {
                guard let position = index[try row.decode(column: "book_id", as: String.self)],
                    let state = LegacyEntryState(rawValue: try row.decode(column: "state", as: String.self)),
                    let link = LegacyLinkState(rawValue: try row.decode(column: "link_state", as: String.self))
                else { continue }
                let count = try row.decode(column: "n", as: Int.self)
                if state == .entered || state == .verified { progress[position].entered += count }
                if state == .verified { progress[position].verified += count }
                if link == .linked { progress[position].linked += count }
                if link == .review { progress[position].inReview += count }
            }
            return progress
        }
    }

    // MARK: - Rows

    private static func current(_ entryID: String, expectedVersion: Int, on database: any SQLDatabase) async throws -> LegacyEntry {
        guard let row = try await database.raw("SELECT * FROM legacy_entries WHERE id = \(bind: entryID)").first() else {
            throw LegacyRegisterError.notFound
        }
        let current = try entry(row)
        guard current.version == expectedVersion else {
            throw LegacyRegisterError.conflict("the entry changed since it was read (version \(current.version), not \(expectedVersion))")
        }
        return current
    }

    private static func require(_ entry: LegacyEntry?) throws -> LegacyEntry {
        guard let entry else { throw LegacyRegisterError.conflict("the entry changed since it was read") }
        return entry
    }

    /// Sets the state and columns under the version check and appends the step to the log; nil when the version moved.
    private static func change(
        _ current: LegacyEntry, to state: LegacyEntryState, expectedVersion: Int, set columns: [String: (any Encodable & Sendable)?], action: String,
        actor: String, note: String?, at now: Date, on database: any SQLDatabase
    ) async throws -> LegacyEntry? {
        var update = database.update("legacy_entries").set("state", to: state.rawValue).set("version", to: expectedVersion + 1)
        for (column, value) in columns.sorted(by: { $0.key < $1.key }) {
            update = value.map { update.set(column, to: $0) } ?? update.set(column, to: SQLLiteral.null)
        }
        let changed = try await update.where("id", .equal, current.id).where("version", .equal, expectedVersion)
            .returning("id").all()
        guard !changed.isEmpty else { return nil }
        let seq = try await database.raw("SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM legacy_entry_history WHERE entry_id = \(bind: current.id)")
            .first()?.decode(column: "seq", as: Int.self) ?? 1
        try await database.raw("""
            INSERT INTO legacy_entry_history (entry_id, seq, action, actor_id, at, note) VALUES (\(bind: current.id), \(bind: seq), \
            \(bind: action), \(bind: actor), \(bind: DossierRow.ms(now)!), \(bind: note))
            """).run()
        guard let row = try await database.raw("SELECT * FROM legacy_entries WHERE id = \(bind: current.id)").first() else { return nil }
        return try entry(row)
    }

    static func book(_ row: any SQLRow) throws -> LegacyBook {
        guard let kind = RegisterKind(rawValue: try row.decode(column: "kind", as: String.self)) else {
            throw StoredDataError("legacy_books row has an unknown kind")
        }
        let identity = try RegisterBookIdentity(
            agencyID: try row.decode(column: "agency_id", as: String.self), kind: kind, book: try row.decode(column: "book", as: String.self),
            volume: try row.decode(column: "volume", as: String.self), year: try row.decode(column: "year", as: Int.self))
        return LegacyBook(
            id: try row.decode(column: "id", as: String.self), identity: identity, contentSHA256: try row.decode(column: "content_sha256", as: String.self),
            pages: try row.decode(column: "pages", as: Int.self), entries: try row.decode(column: "entries", as: Int.self),
            importedBy: try row.decode(column: "imported_by", as: String.self),
            importedAt: DossierRow.date(try row.decode(column: "imported_at", as: Int.self))!)
    }

    static func entry(_ row: any SQLRow) throws -> LegacyEntry {
        guard let state = LegacyEntryState(rawValue: try row.decode(column: "state", as: String.self)),
            let link = LegacyLinkState(rawValue: try row.decode(column: "link_state", as: String.self))
        else { throw StoredDataError("legacy_entries row has an unknown state") }
        let record = try row.decode(column: "record", as: String?.self).map { try JSONDecoder().decode(LegacyRecord.self, from: Data($0.utf8)) }
        return LegacyEntry(
            id: try row.decode(column: "id", as: String.self), bookID: try row.decode(column: "book_id", as: String.self),
            agencyID: try row.decode(column: "agency_id", as: String.self), page: try row.decode(column: "page_number", as: Int.self),
            entry: try row.decode(column: "entry_number", as: Int.self), state: state, version: try row.decode(column: "version", as: Int.self),
            claimedBy: try row.decode(column: "claimed_by", as: String?.self), enteredBy: try row.decode(column: "entered_by", as: String?.self),
            record: record, returnReason: try row.decode(column: "return_reason", as: String?.self),
            verifiedBy: try row.decode(column: "verified_by", as: String?.self), linkState: link,
            citizenID: try row.decode(column: "citizen_id", as: String?.self), candidateID: try row.decode(column: "candidate_id", as: String?.self),
            score: try row.decode(column: "score", as: Double?.self))
    }
}
