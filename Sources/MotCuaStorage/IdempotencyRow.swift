import Foundation
import MotCuaDomain
import SQLKit

/// Stored answers to requests that carried an `Idempotency-Key`.
enum IdempotencyRow {
    static func insert(_ write: IdempotencyWrite, dossier: Dossier, on database: any SQLDatabase) async throws {
        // ON CONFLICT DO NOTHING + RETURNING tells a concurrent duplicate apart without aborting the batch.
        let inserted = try await database.raw(
            """
            INSERT INTO idempotency_keys (scope, idem_key, request_hash, status_code, response, created_at) \
            VALUES (\(bind: write.scope), \(bind: write.key), \(bind: write.requestHash), \(bind: write.statusCode), \
            \(bind: try write.render(dossier)), \(bind: Int(Date().timeIntervalSince1970 * 1000))) \
            ON CONFLICT (scope, idem_key) DO NOTHING RETURNING scope
            """
        ).all()
        if inserted.isEmpty { throw RepositoryError.idempotencyKeyTaken }
    }
}

/// A stored answer.
public struct StoredResponse: Sendable, Hashable {
    public let requestHash: String
    public let statusCode: Int
    public let body: String
}

/// Looks up stored answers.
public struct SQLIdempotencyStore: Sendable {
    let store: any SQLStore

    public init(store: any SQLStore) {
        self.store = store
    }

    public func find(scope: String, key: String) async throws -> StoredResponse? {
        try await store.read { database in
            guard let row = try await database.raw(
                "SELECT request_hash, status_code, response FROM idempotency_keys WHERE scope = \(bind: scope) AND idem_key = \(bind: key)"
            ).first() else { return nil }
            return StoredResponse(
                requestHash: try row.decode(column: "request_hash", as: String.self),
                statusCode: try row.decode(column: "status_code", as: Int.self),
                body: try row.decode(column: "response", as: String.self))
        }
    }
}
