import Foundation
import MotCuaDomain
import SQLKit

/// The metadata of digitised documents, for SQLite and PostgreSQL (SQLKit builders; times in milliseconds).
public struct SQLDocumentRepository: Sendable {
    let store: any SQLStore

    public init(store: any SQLStore) {
        self.store = store
    }

    static let table = "digitised_documents"
    static let columns = [
        "id", "sha256", "media_type", "size_bytes", "pages", "width", "height", "dossier_code", "component_code",
        "digitised_by_kind", "digitised_by", "digitised_at",
    ]

    /// Stores the record; returns after commit.
    public func record(_ document: DigitisedDocument) async throws {
        try await store.write(lane: "documents") { database in try await Self.insert(document, on: database) }
    }

    /// Inserts on a connection already in a transaction (with the dossier change that points at the document).
    public static func insert(_ document: DigitisedDocument, on database: any SQLDatabase) async throws {
        try await database.insert(into: table).columns(columns).values(values(document).map { SQLBind($0) }).run()
    }

    /// The row's values, in the order of `columns`.
    static func values(_ document: DigitisedDocument) -> [any Encodable & Sendable] {
        [
            document.id.lowercasedText, document.digest.hex, document.mediaType.rawValue, document.size, document.pages,
            document.width, document.height, document.dossierCode, document.componentCode, document.digitisedByKind.rawValue,
            document.digitisedBy, DossierRow.ms(document.digitisedAt),
        ]
    }

    public func find(id: UUID) async throws -> DigitisedDocument? {
        try await store.read { database in
            try await database.select().columns(Self.columns).from(Self.table)
                .where("id", .equal, id.lowercasedText)
                .first().map(Self.decode)
        }
    }

    /// The dossier's documents, optionally of one component, oldest first.
    public func list(dossierCode: String, componentCode: String? = nil) async throws -> [DigitisedDocument] {
        try await store.read { database in
            var query = database.select().columns(Self.columns).from(Self.table).where("dossier_code", .equal, dossierCode)
            if let componentCode { query = query.where("component_code", .equal, componentCode) }
            return try await query.orderBy("digitised_at").orderBy("id").all().map(Self.decode)
        }
    }

    /// The documents digitised for the dossiers a person applied for, newest first (their personal archive),
    /// each with its dossier's procedure code (which names the component).
    public func list(applicantID: CitizenID, limit: Int = 1_000) async throws -> [(document: DigitisedDocument, procedureCode: String)] {
        let columns = Self.columns.map { "d." + $0 }.joined(separator: ", ")
        return try await store.read { database in
            try await database.raw("""
                SELECT \(unsafeRaw: columns), o.procedure_code FROM digitised_documents d JOIN dossiers o ON o.code = d.dossier_code
                WHERE o.applicant_id = \(bind: applicantID.value) ORDER BY d.digitised_at DESC, d.id LIMIT \(bind: limit)
                """).all().map { (try Self.decode($0), try $0.decode(column: "procedure_code", as: String.self)) }
        }
    }

    /// How many records use the content (0 means the blob is unreferenced).
    public func references(to digest: BlobDigest) async throws -> Int {
        try await store.read { database in
            try await database.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(Self.table)
                .where("sha256", .equal, digest.hex)
                .first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    static func decode(_ row: any SQLRow) throws -> DigitisedDocument {
        guard let id = UUID(uuidString: try row.decode(column: "id", as: String.self)),
            let digest = BlobDigest(hex: try row.decode(column: "sha256", as: String.self)),
            let mediaType = DocumentMediaType(rawValue: try row.decode(column: "media_type", as: String.self)),
            let kind = DigitisedDocument.ActorKind(rawValue: try row.decode(column: "digitised_by_kind", as: String.self))
        else { throw StoredDataError("digitised_documents row has an unknown id, digest, media type or actor kind") }
        let inspection = DocumentInspection(
            mediaType: mediaType, size: try row.decode(column: "size_bytes", as: Int.self), pages: try row.decode(column: "pages", as: Int.self),
            width: try row.decode(column: "width", as: Int?.self), height: try row.decode(column: "height", as: Int?.self))
        return DigitisedDocument(
            id: id, digest: digest, inspection: inspection, dossierCode: try row.decode(column: "dossier_code", as: String.self),
            componentCode: try row.decode(column: "component_code", as: String.self), digitisedByKind: kind,
            digitisedBy: try row.decode(column: "digitised_by", as: String.self),
            digitisedAt: DossierRow.date(try row.decode(column: "digitised_at", as: Int.self))!)
    }
}
