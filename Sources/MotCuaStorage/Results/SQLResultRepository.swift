import Foundation
import MotCuaDomain
import SQLKit

/// Results and their register numbers, for SQLite and PostgreSQL. The writes that belong to a dossier
/// transition are static functions on the transaction's connection, so the dossier and its result change
/// together or not at all.
public struct SQLResultRepository: Sendable {
    let store: any SQLStore

    public init(store: any SQLStore) {
        self.store = store
    }

    static let table = "results"
    static let columns = [
        "id", "dossier_code", "result_type", "agency_id", "version", "supersedes", "superseded_by", "state", "fields",
        "prepared_by", "prepared_at", "register_book", "register_number", "issued_on", "valid_until", "signer_id",
        "signer_name", "signer_title", "signed_at", "certificate_serial", "jws", "holder_masked", "revoked_at",
        "revocation_reason", "revoked_by", "delivered_at", "paper_copy", "verifications",
    ]

    public func find(id: String) async throws -> StoredResult? {
        try await store.read { database in
            try await database.select().columns(Self.columns).from(Self.table).where("id", .equal, id).first().map(Self.decode)
        }
    }

    /// Every version of the dossier's result, newest first.
    public func versions(dossierCode: String) async throws -> [StoredResult] {
        try await store.read { database in try await Self.versions(dossierCode: dossierCode, on: database) }
    }

    public static func versions(dossierCode: String, on database: any SQLDatabase) async throws -> [StoredResult] {
        try await database.select().columns(columns).from(table).where("dossier_code", .equal, dossierCode)
            .orderBy("version", .descending).all().map(decode)
    }

    /// Replaces the dossier's unsigned draft, if any, by `draft`.
    public static func saveDraft(_ draft: StoredResult, on database: any SQLDatabase) async throws {
        try await database.delete(from: table).where("dossier_code", .equal, draft.dossierCode).where("state", .equal, ResultState.draft.rawValue)
            .run()
        try await insert(draft, on: database)
    }

    public static func insert(_ result: StoredResult, on database: any SQLDatabase) async throws {
        try await database.insert(into: table).columns(columns).values(try values(result).map { SQLBind($0) }).run()
    }

    /// Writes the signed facts of a draft; false when the row is no longer a draft (signed meanwhile).
    public static func markSigned(_ result: StoredResult, on database: any SQLDatabase) async throws -> Bool {
        let rows = try await database.update(table)
            .set("state", to: ResultState.signed.rawValue)
            .set("fields", to: try encode(result.fields))
            .set("register_book", to: result.register?.book)
            .set("register_number", to: result.register?.number)
            .set("issued_on", to: result.issuedOn?.description)
            .set("valid_until", to: result.validUntil?.description)
            .set("signer_id", to: result.signatory?.officialID)
            .set("signer_name", to: result.signatory?.name)
            .set("signer_title", to: result.signatory?.title)
            .set("signed_at", to: DossierRow.ms(result.signedAt))
            .set("certificate_serial", to: result.certificateSerial)
            .set("jws", to: result.jws)
            .set("delivered_at", to: DossierRow.ms(result.deliveredAt))
            .where("id", .equal, result.id).where("state", .equal, ResultState.draft.rawValue)
            .returning("id").all()
        return rows.count == 1
    }

    /// Marks a signed version revoked; false when it is not signed (already revoked or superseded).
    public static func revoke(id: String, reason: String, by official: String, at time: Date, on database: any SQLDatabase) async throws -> Bool {
        try await database.update(table)
            .set("state", to: ResultState.revoked.rawValue).set("revoked_at", to: DossierRow.ms(time))
            .set("revocation_reason", to: reason).set("revoked_by", to: official)
            .where("id", .equal, id).where("state", .equal, ResultState.signed.rawValue)
            .returning("id").all().count == 1
    }

    /// Marks a signed version superseded by a newer one; false when it is not signed.
    public static func supersede(id: String, by newer: String, on database: any SQLDatabase) async throws -> Bool {
        try await database.update(table)
            .set("state", to: ResultState.superseded.rawValue).set("superseded_by", to: newer)
            .where("id", .equal, id).where("state", .equal, ResultState.signed.rawValue)
            .returning("id").all().count == 1
    }

    /// Records the electronic delivery of the dossier's signed result (and whether a paper copy was asked for).
    public static func markDelivered(dossierCode: String, paperCopy: Bool, at time: Date, on database: any SQLDatabase) async throws -> Int {
        try await database.update(table)
            .set("delivered_at", to: DossierRow.ms(time)).set("paper_copy", to: paperCopy ? 1 : 0)
            .where("dossier_code", .equal, dossierCode).where("state", .equal, ResultState.signed.rawValue)
            .returning("id").all().count
    }

    /// The next number in an agency's register book, allocated inside the caller's transaction: the counter
    /// row is locked by the update (PostgreSQL) or the single writer (SQLite), so two signatures never share a number.
    public static func nextRegisterNumber(agencyID: String, book: String, on database: any SQLDatabase) async throws -> Int {
        try await database.raw("""
            INSERT INTO result_register_counters (agency_id, register_book, last_number) VALUES (\(bind: agencyID), \(bind: book), 0)
            ON CONFLICT (agency_id, register_book) DO NOTHING
            """).run()
        guard let row = try await database.raw("""
            UPDATE result_register_counters SET last_number = last_number + 1
            WHERE agency_id = \(bind: agencyID) AND register_book = \(bind: book) RETURNING last_number
            """).first()
        else { throw RepositoryError.notFound }
        return try row.decode(column: "last_number", as: Int.self)
    }

    /// The drafts waiting at the signature step in an agency, oldest first.
    public func signingQueue(agencyID: String, limit: Int) async throws -> [SigningQueueItem] {
        try await store.read { database in
            try await database.raw("""
                SELECT r.id, r.dossier_code, r.result_type, r.prepared_at, d.version, d.procedure_code, d.due_at
                FROM results r JOIN dossiers d ON d.code = r.dossier_code
                WHERE r.agency_id = \(bind: agencyID) AND r.state = 'draft' AND d.status = \(bind: DossierStatus.inProcess.rawValue)
                  AND d.step = \(bind: ProcessStep.signature.rawValue)
                ORDER BY r.prepared_at, r.id LIMIT \(bind: limit)
                """).all().map { row in
                SigningQueueItem(
                    resultID: try row.decode(column: "id", as: String.self),
                    dossierCode: try row.decode(column: "dossier_code", as: String.self),
                    type: try Self.resultType(try row.decode(column: "result_type", as: String.self)),
                    preparedAt: DossierRow.date(try row.decode(column: "prepared_at", as: Int.self))!,
                    dossierVersion: try row.decode(column: "version", as: Int.self),
                    procedureCode: try row.decode(column: "procedure_code", as: String.self),
                    dueAt: DossierRow.date(try row.decode(column: "due_at", as: Int?.self)))
            }
        }
    }

    /// The delivered results of dossiers the person applied for, newest first.
    public func delivered(applicantID: CitizenID) async throws -> [StoredResult] {
        let columns = Self.columns.map { "r." + $0 }.joined(separator: ", ")
        return try await store.lookup { database in
            try await database.raw("""
                SELECT \(unsafeRaw: columns) FROM results r JOIN dossiers d ON d.code = r.dossier_code
                WHERE d.applicant_id = \(bind: applicantID.value) AND r.state <> 'draft' AND r.delivered_at IS NOT NULL
                ORDER BY r.signed_at DESC, r.id LIMIT 500
                """).all().map(Self.decode)
        }
    }

    /// Every revoked result, for the published revocation list.
    public func revocations() async throws -> [ResultRevocation] {
        try await store.read { database in
            try await database.select().columns("id", "revocation_reason", "revoked_at").from(Self.table)
                .where("state", .equal, ResultState.revoked.rawValue).orderBy("revoked_at").orderBy("id").all().map { row in
                    try ResultRevocation(
                        resultID: try row.decode(column: "id", as: String.self),
                        reason: try row.decode(column: "revocation_reason", as: String.self),
                        revokedAt: DossierRow.date(try row.decode(column: "revoked_at", as: Int.self))!)
                }
        }
    }

    /// Adds counted verifications, one statement per result.
    public func addVerifications(_ counts: [String: Int]) async throws {
        guard !counts.isEmpty else { return }
        try await store.write(lane: "result-verifications") { database in
            for (id, count) in counts.sorted(by: { $0.key < $1.key }) {
                try await database.raw("UPDATE results SET verifications = verifications + \(bind: count) WHERE id = \(bind: id)").run()
            }
        }
    }

    static func values(_ r: StoredResult) throws -> [any Encodable & Sendable] {
        [
            r.id, r.dossierCode, r.type.rawValue, r.agencyID, r.version, r.supersedes, r.supersededBy, r.state.rawValue,
            try encode(r.fields), r.preparedBy, DossierRow.ms(r.preparedAt), r.register?.book, r.register?.number,
            r.issuedOn?.description, r.validUntil?.description, r.signatory?.officialID, r.signatory?.name, r.signatory?.title,
            DossierRow.ms(r.signedAt), r.certificateSerial, r.jws, r.holderMasked, DossierRow.ms(r.revokedAt), r.revocationReason,
            r.revokedBy, DossierRow.ms(r.deliveredAt), r.paperCopy ? 1 : 0, r.verifications,
        ]
    }

    static func encode(_ fields: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(fields), as: UTF8.self)
    }

    static func resultType(_ raw: String) throws -> ResultType {
        guard let type = ResultType(rawValue: raw) else { throw RepositoryError.corrupt("results.result_type \(raw)") }
        return type
    }

    static func decode(_ row: any SQLRow) throws -> StoredResult {
        func text(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
        func ms(_ column: String) throws -> Date? { DossierRow.date(try row.decode(column: column, as: Int?.self)) }
        guard let state = ResultState(rawValue: try row.decode(column: "state", as: String.self)) else {
            throw RepositoryError.corrupt("results.state")
        }
        let fields = try JSONDecoder().decode([String: String].self, from: Data(try row.decode(column: "fields", as: String.self).utf8))
        var result = StoredResult(
            id: try row.decode(column: "id", as: String.self), dossierCode: try row.decode(column: "dossier_code", as: String.self),
            type: try resultType(try row.decode(column: "result_type", as: String.self)),
            agencyID: try row.decode(column: "agency_id", as: String.self), version: try row.decode(column: "version", as: Int.self),
            supersedes: try text("supersedes"), fields: fields, preparedBy: try row.decode(column: "prepared_by", as: String.self),
            preparedAt: try ms("prepared_at") ?? Date(timeIntervalSince1970: 0),
            holderMasked: try row.decode(column: "holder_masked", as: String.self))
        result.state = state
        result.supersededBy = try text("superseded_by")
        if let book = try text("register_book"), let number = try text("register_number") {
            result.register = ResultRegisterEntry(book: book, number: number)
        }
        result.issuedOn = try text("issued_on").flatMap(LocalDate.init(iso:))
        result.validUntil = try text("valid_until").flatMap(LocalDate.init(iso:))
        if let id = try text("signer_id"), let name = try text("signer_name"), let title = try text("signer_title") {
            result.signatory = ResultSignatory(name: name, officialID: id, title: title)
        }
        result.signedAt = try ms("signed_at")
        result.certificateSerial = try text("certificate_serial")
        result.jws = try text("jws")
        result.revokedAt = try ms("revoked_at")
        result.revocationReason = try text("revocation_reason")
        result.revokedBy = try text("revoked_by")
        result.deliveredAt = try ms("delivered_at")
        result.paperCopy = try row.decode(column: "paper_copy", as: Int.self) != 0
        result.verifications = try row.decode(column: "verifications", as: Int.self)
        return result
    }
}

/// A dossier waiting for its leader's signature, with its prepared result.
public struct SigningQueueItem: Sendable, Hashable {
    public let resultID: String
    public let dossierCode: String
    public let type: ResultType
    public let preparedAt: Date
    public let dossierVersion: Int
    public let procedureCode: String
    public let dueAt: Date?
}
