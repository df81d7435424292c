import Foundation
import SQLKit

/// A leader's signing certificate and sealed private key as stored; the key opens only with the
/// key-encryption key kept outside the database.
public struct StoredSigningCredential: Sendable, Hashable {
    public let serial: String
    public let officialID: String
    public let agencyID: String
    public let certificateDER: Data
    public let sealedKey: Data
    public let notBefore: Date
    public let notAfter: Date
    public let issuedAt: Date
    public var revokedAt: Date?
    /// RFC 5280 reason code.
    public var revocationReason: Int?

    public init(
        serial: String, officialID: String, agencyID: String, certificateDER: Data, sealedKey: Data, notBefore: Date, notAfter: Date,
        issuedAt: Date, revokedAt: Date? = nil, revocationReason: Int? = nil
    ) {
        self.serial = serial
        self.officialID = officialID
        self.agencyID = agencyID
        self.certificateDER = certificateDER
        self.sealedKey = sealedKey
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.issuedAt = issuedAt
        self.revokedAt = revokedAt
        self.revocationReason = revocationReason
    }
}

/// Signing credentials, for SQLite and PostgreSQL (binary values as base64 text, the same on both engines).
public struct SQLSigningCredentialRepository: Sendable {
    let store: any SQLStore

    public init(store: any SQLStore) {
        self.store = store
    }

    private static let table = "signing_credentials"
    private static let columns = [
        "serial", "official_id", "agency_id", "certificate_der", "sealed_key", "not_before", "not_after", "issued_at", "revoked_at",
        "revocation_reason",
    ]

    public func insert(_ credential: StoredSigningCredential) async throws {
        let values: [any Encodable & Sendable] = [
            credential.serial, credential.officialID, credential.agencyID, credential.certificateDER.base64EncodedString(),
            credential.sealedKey.base64EncodedString(), DossierRow.ms(credential.notBefore), DossierRow.ms(credential.notAfter),
            DossierRow.ms(credential.issuedAt), DossierRow.ms(credential.revokedAt), credential.revocationReason,
        ]
        try await store.write(lane: "signing-credentials") { database in
            try await database.insert(into: Self.table).columns(Self.columns).values(values.map { SQLBind($0) }).run()
        }
    }

    /// The official's newest credential that is not revoked and is valid at `instant`.
    public func current(officialID: String, at instant: Date) async throws -> StoredSigningCredential? {
        let ms = DossierRow.ms(instant)!
        return try await store.read { database in
            try await database.select().columns(Self.columns).from(Self.table)
                .where("official_id", .equal, officialID).where("revoked_at", .is, SQLLiteral.null)
                .where("not_before", .lessThanOrEqual, ms).where("not_after", .greaterThan, ms)
                .orderBy("not_after", .descending).first().map(Self.decode)
        }
    }

    public func find(serial: String) async throws -> StoredSigningCredential? {
        try await store.read { database in
            try await database.select().columns(Self.columns).from(Self.table).where("serial", .equal, serial).first().map(Self.decode)
        }
    }

    /// All of an official's credentials, newest first.
    public func list(officialID: String) async throws -> [StoredSigningCredential] {
        try await store.read { database in
            try await database.select().columns(Self.columns).from(Self.table).where("official_id", .equal, officialID)
                .orderBy("issued_at", .descending).all().map(Self.decode)
        }
    }

    /// Revokes a credential; false when it is unknown or already revoked (a revocation is final).
    public func revoke(serial: String, reason: Int, at time: Date) async throws -> Bool {
        try await store.write(lane: "signing-credentials") { database in
            try await database.update(Self.table).set("revoked_at", to: DossierRow.ms(time)).set("revocation_reason", to: reason)
                .where("serial", .equal, serial).where("revoked_at", .is, SQLLiteral.null)
                .returning("serial").all().count == 1
        }
    }

    /// Every revoked credential, for the certificate revocation list.
    public func revoked() async throws -> [StoredSigningCredential] {
        try await store.read { database in
            try await database.select().columns(Self.columns).from(Self.table).where("revoked_at", .isNot, SQLLiteral.null)
                .orderBy("revoked_at").all().map(Self.decode)
        }
    }

    static func decode(_ row: any SQLRow) throws -> StoredSigningCredential {
        func bytes(_ column: String) throws -> Data {
            guard let data = Data(base64Encoded: try row.decode(column: column, as: String.self)) else {
                throw RepositoryError.corrupt("signing_credentials.\(column)")
            }
            return data
        }
        func ms(_ column: String) throws -> Date? { DossierRow.date(try row.decode(column: column, as: Int?.self)) }
        return StoredSigningCredential(
            serial: try row.decode(column: "serial", as: String.self), officialID: try row.decode(column: "official_id", as: String.self),
            agencyID: try row.decode(column: "agency_id", as: String.self), certificateDER: try bytes("certificate_der"),
            sealedKey: try bytes("sealed_key"), notBefore: try ms("not_before")!, notAfter: try ms("not_after")!,
            issuedAt: try ms("issued_at")!, revokedAt: try ms("revoked_at"),
            revocationReason: try row.decode(column: "revocation_reason", as: Int?.self))
    }
}
