import Foundation
import MotCuaDomain
import SQLKit

/// Shares of archive items and their accesses, for SQLite and PostgreSQL (times in milliseconds).
public struct SQLArchiveShareRepository: Sendable {
    let store: any SQLStore

    public init(store: any SQLStore) {
        self.store = store
    }

    static let columns = [
        "id", "subject_id", "item_kind", "item_id", "audience", "token_hash", "agency_id", "label", "created_at", "expires_at", "revoked_at",
    ]
    static let selection = columns.joined(separator: ", ")
    /// The most shares one listing returns.
    public static let maximumListing = 200

    /// Stores a new share; returns after commit.
    public func create(_ share: ArchiveShare) async throws {
        let (audience, tokenHash, agencyID): (String, String?, String?) = switch share.audience {
        case .link(let hash): ("link", hash, nil)
        case .agency(let id): ("agency", nil, id)
        }
        let values: [any Encodable & Sendable] = [
            share.id, share.subjectID.value, share.itemKind, share.itemID, audience, tokenHash, agencyID, share.label,
            DossierRow.ms(share.createdAt), DossierRow.ms(share.expiresAt), DossierRow.ms(share.revokedAt),
        ]
        try await store.write(lane: "archive-shares") { database in
            try await database.insert(into: "archive_shares").columns(Self.columns).values(values.map { SQLBind($0) }).run()
        }
    }

    /// The link share whose token hashes to `tokenHash`, active or not.
    public func find(tokenHash: String) async throws -> ArchiveShare? {
        try await store.read { database in
            try await database.raw("SELECT \(unsafeRaw: Self.selection) FROM archive_shares WHERE token_hash = \(bind: tokenHash)")
                .first().map(Self.decode)
        }
    }

    public func find(id: String) async throws -> ArchiveShare? {
        try await store.read { database in
            try await database.raw("SELECT \(unsafeRaw: Self.selection) FROM archive_shares WHERE id = \(bind: id)").first().map(Self.decode)
        }
    }

    /// The person's shares, newest first, each with how many times it was opened.
    public func list(subjectID: CitizenID) async throws -> [(share: ArchiveShare, accesses: Int)] {
        try await store.read { database in
            try await database.raw("""
                SELECT \(unsafeRaw: Self.columns.map { "s." + $0 }.joined(separator: ", ")),
                    (SELECT COUNT(*) FROM archive_share_accesses a WHERE a.share_id = s.id) AS accesses
                FROM archive_shares s WHERE s.subject_id = \(bind: subjectID.value)
                ORDER BY s.created_at DESC, s.id DESC LIMIT \(bind: Self.maximumListing)
                """).all().map { (try Self.decode($0), try $0.decode(column: "accesses", as: Int.self)) }
        }
    }

    /// How many times the share was opened.
    public func accessCount(shareID: String) async throws -> Int {
        try await store.read { database in
            try await database.raw("SELECT COUNT(*) AS n FROM archive_share_accesses WHERE share_id = \(bind: shareID)").first()?
                .decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// The shares granted to an agency that are open at `instant`, newest first.
    public func active(agencyID: String, at instant: Date) async throws -> [ArchiveShare] {
        try await store.read { database in
            try await database.raw("""
                SELECT \(unsafeRaw: Self.selection) FROM archive_shares
                WHERE agency_id = \(bind: agencyID) AND expires_at > \(bind: DossierRow.ms(instant)) AND revoked_at IS NULL
                ORDER BY created_at DESC, id DESC LIMIT \(bind: Self.maximumListing)
                """).all().map(Self.decode)
        }
    }

    /// Ends one of the person's shares; nil when they have no share with this id. Revoking twice keeps the first time.
    public func revoke(id: String, subjectID: CitizenID, at instant: Date) async throws -> ArchiveShare? {
        try await store.write(lane: "archive-shares") { database in
            try await database.raw("""
                UPDATE archive_shares SET revoked_at = \(bind: DossierRow.ms(instant))
                WHERE id = \(bind: id) AND subject_id = \(bind: subjectID.value) AND revoked_at IS NULL
                """).run()
            return try await database.raw("""
                SELECT \(unsafeRaw: Self.selection) FROM archive_shares WHERE id = \(bind: id) AND subject_id = \(bind: subjectID.value)
                """).first().map(Self.decode)
        }
    }

    /// Records an opening with the share and, in the same transaction, the entry of the person's access log: an
    /// access whose entry cannot be stored does not happen.
    public func record(_ access: ArchiveShareAccess, log entry: RegistryAccessEntry) async throws {
        let values: [any Encodable & Sendable] = [
            access.id.lowercasedText, access.shareID, DossierRow.ms(access.at), access.action.rawValue, access.actorID, access.agencyID,
        ]
        try await store.write(lane: "archive-shares") { database in
            try await database.insert(into: "archive_share_accesses").columns("id", "share_id", "at", "action", "actor_id", "agency_id")
                .values(values.map { SQLBind($0) }).run()
            try await SQLRegistryAccessLog.insert([entry][...], on: database)
        }
    }

    static func decode(_ row: any SQLRow) throws -> ArchiveShare {
        let audience: ArchiveShare.Audience
        switch (try row.decode(column: "audience", as: String.self), try row.decode(column: "token_hash", as: String?.self),
                try row.decode(column: "agency_id", as: String?.self)) {
        case ("link", .some(let hash), _): audience = .link(tokenHash: hash)
        case ("agency", _, .some(let agency)): audience = .agency(id: agency)
        default: throw StoredDataError("archive_shares row has an unknown audience")
        }
        return ArchiveShare(
            id: try row.decode(column: "id", as: String.self), subjectID: try CitizenID(try row.decode(column: "subject_id", as: String.self)),
            itemKind: try row.decode(column: "item_kind", as: String.self), itemID: try row.decode(column: "item_id", as: String.self),
            audience: audience, label: try row.decode(column: "label", as: String?.self),
            createdAt: DossierRow.date(try row.decode(column: "created_at", as: Int.self))!,
            expiresAt: DossierRow.date(try row.decode(column: "expires_at", as: Int.self))!,
            revokedAt: DossierRow.date(try row.decode(column: "revoked_at", as: Int?.self)))
    }
}
