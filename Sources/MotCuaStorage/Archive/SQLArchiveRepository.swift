import Foundation
import MotCuaDomain
import SQLKit

/// A person's archive read page by page, one query per kind of item, each served by the indexes on
/// `dossiers (applicant_id, …)`, `results (dossier_code, version)` and `digitised_documents (dossier_code, …)`:
/// a page never reads more than `limit` rows of each kind after the cursor, whatever the archive's size.
public struct SQLArchiveRepository: Sendable {
    let store: any SQLStore

    public init(store: any SQLStore) {
        self.store = store
    }

    /// The state a result is filtered on; `expired` and `valid` depend on the day (`today`, ISO date).
    public enum ResultStateFilter: String, Sendable, CaseIterable {
        case valid, expired, revoked, superseded
    }

    /// The stored kind names, which order items of equal time in the archive.
    public static let resultKind = "result"
    public static let documentKind = "document"

    /// The sort time of a result in the archive: when it was signed.
    public static func position(of result: StoredResult) -> ArchivePosition {
        ArchivePosition(at: DossierRow.ms(result.signedAt) ?? 0, kind: resultKind, id: result.id)
    }

    /// The sort time of a scan in the archive: when it was digitised.
    public static func position(of document: DigitisedDocument) -> ArchivePosition {
        ArchivePosition(at: DossierRow.ms(document.digitisedAt) ?? 0, kind: documentKind, id: document.id.lowercasedText)
    }

    /// The person's delivered results strictly after `position`, newest first, at most `limit`.
    public func results(
        of person: CitizenID, after position: ArchivePosition?, state: ResultStateFilter?, today: LocalDate, limit: Int
    ) async throws -> [StoredResult] {
        let columns = SQLResultRepository.columns.map { "r." + $0 }.joined(separator: ", ")
        return try await store.read { database in
            var sql: SQLQueryString = """
                SELECT \(unsafeRaw: columns) FROM dossiers d JOIN results r ON r.dossier_code = d.code
                WHERE d.applicant_id = \(bind: person.value) AND r.state <> 'draft' AND r.delivered_at IS NOT NULL
                """
            if let position {
                sql += " AND " + position.after(kind: Self.resultKind, atColumn: "r.signed_at", idColumn: "r.id")
            }
            switch state {
            case nil: break
            case .revoked: sql += " AND r.state = 'revoked'"
            case .superseded: sql += " AND r.state = 'superseded'"
            case .expired: sql += " AND r.state = 'signed' AND r.valid_until < \(bind: today.description)"
            case .valid: sql += " AND r.state = 'signed' AND (r.valid_until IS NULL OR r.valid_until >= \(bind: today.description))"
            }
            sql += " ORDER BY r.signed_at DESC, r.id DESC LIMIT \(bind: limit)"
            return try await database.raw(sql).all().map(SQLResultRepository.decode)
        }
    }

    /// The scans of the person's dossiers strictly after `position`, newest first, at most `limit`, each with its
    /// dossier's procedure (which names the component).
    public func documents(
        of person: CitizenID, after position: ArchivePosition?, limit: Int
    ) async throws -> [(document: DigitisedDocument, procedureCode: String)] {
        let columns = SQLDocumentRepository.columns.map { "g." + $0 }.joined(separator: ", ")
        return try await store.read { database in
            var sql: SQLQueryString = """
                SELECT \(unsafeRaw: columns), d.procedure_code FROM dossiers d JOIN digitised_documents g ON g.dossier_code = d.code
                WHERE d.applicant_id = \(bind: person.value)
                """
            if let position {
                sql += " AND " + position.after(kind: Self.documentKind, atColumn: "g.digitised_at", idColumn: "g.id")
            }
            sql += " ORDER BY g.digitised_at DESC, g.id DESC LIMIT \(bind: limit)"
            return try await database.raw(sql).all().map {
                (try SQLDocumentRepository.decode($0), try $0.decode(column: "procedure_code", as: String.self))
            }
        }
    }

    /// One delivered result of the person's; nil when there is none with this id or it is someone else's.
    public func result(id: String, of person: CitizenID) async throws -> StoredResult? {
        let columns = SQLResultRepository.columns.map { "r." + $0 }.joined(separator: ", ")
        return try await store.read { database in
            try await database.raw("""
                SELECT \(unsafeRaw: columns) FROM results r JOIN dossiers d ON d.code = r.dossier_code
                WHERE r.id = \(bind: id) AND d.applicant_id = \(bind: person.value) AND r.state <> 'draft' AND r.delivered_at IS NOT NULL
                """).first().map(SQLResultRepository.decode)
        }
    }

    /// One scan of the person's dossiers, with its procedure; nil when there is none or it is someone else's.
    public func document(id: String, of person: CitizenID) async throws -> (document: DigitisedDocument, procedureCode: String)? {
        let columns = SQLDocumentRepository.columns.map { "g." + $0 }.joined(separator: ", ")
        guard let uuid = UUID(uuidString: id) else { return nil }
        return try await store.read { database in
            try await database.raw("""
                SELECT \(unsafeRaw: columns), d.procedure_code FROM digitised_documents g JOIN dossiers d ON d.code = g.dossier_code
                WHERE g.id = \(bind: uuid.lowercasedText) AND d.applicant_id = \(bind: person.value)
                """).first().map { (try SQLDocumentRepository.decode($0), try $0.decode(column: "procedure_code", as: String.self)) }
        }
    }
}
