import Foundation
import MotCuaDomain
import SQLKit

/// The `registry_verifications` queue: dossiers whose components still wait for a national database.
enum VerificationRow {
    /// - Parameter requestedBy: the actor id of whoever received or submitted the dossier (kept on conflict).
    static func enqueue(
        _ dossier: Dossier, requestedBy: String, attempts: Int, nextAttempt: Date, error: String?, on database: any SQLDatabase
    ) async throws {
        try await database.raw(
            """
            INSERT INTO registry_verifications (dossier_id, dossier_code, requested_by, attempts, next_attempt_at, last_error) \
            VALUES (\(bind: dossier.id.lowercasedText), \(bind: dossier.code), \(bind: requestedBy), \(bind: attempts), \
            \(bind: DossierRow.ms(nextAttempt)), \(bind: error)) \
            ON CONFLICT (dossier_id) DO UPDATE SET attempts = \(bind: attempts), \
            next_attempt_at = \(bind: DossierRow.ms(nextAttempt)), last_error = \(bind: error)
            """
        ).run()
    }

    /// Queues new receipts with multi-row statements (a batch of receipts is written together).
    static func enqueueNew(_ items: [(dossier: Dossier, requestedBy: String)], on database: any SQLDatabase) async throws {
        let rows: [[any Encodable & Sendable]] = items.map { item in
            [item.dossier.id.lowercasedText, item.dossier.code, item.requestedBy, 0, DossierRow.ms(item.dossier.submittedAt)]
        }
        try await database.insertRows(
            into: "registry_verifications", columns: ["dossier_id", "dossier_code", "requested_by", "attempts", "next_attempt_at"], rows: rows)
    }

    static func decode(_ row: any SQLRow) throws -> PendingVerification {
        PendingVerification(
            dossierCode: try row.decode(column: "dossier_code", as: String.self),
            requestedBy: try row.decode(column: "requested_by", as: String.self),
            attempts: try row.decode(column: "attempts", as: Int.self),
            nextAttemptAt: DossierRow.date(try row.decode(column: "next_attempt_at", as: Int.self))!,
            lastError: try row.decode(column: "last_error", as: String?.self))
    }

    static func remove(_ dossier: Dossier, on database: any SQLDatabase) async throws {
        try await database.raw("DELETE FROM registry_verifications WHERE dossier_id = \(bind: dossier.id.lowercasedText)").run()
    }
}

/// A dossier waiting for national data, as the background verifier sees it.
public struct PendingVerification: Sendable, Hashable {
    public let dossierCode: String
    /// Actor id of whoever received or submitted the dossier: the look-ups are made on their behalf.
    public let requestedBy: String
    /// Look-up rounds that have failed so far.
    public let attempts: Int
    public let nextAttemptAt: Date
    public let lastError: String?
}

extension SQLDossierRepository {
    /// Stores the outcome of a round of look-ups for a dossier, in one transaction: the access-log entries,
    /// the dossier's new components and flags with a history entry (when `settle` changes anything), and the
    /// queue entry (removed once nothing is pending, else rescheduled at `retryAt`).
    ///
    /// `settle` runs on the current row inside the transaction, so it never races with a transition.
    public func recordVerification(
        code: String, access: [RegistryAccessEntry], retryAt: Date, error: String?,
        settle: @escaping @Sendable (Dossier) -> (dossier: Dossier, entry: HistoryEntry)?
    ) async throws -> Dossier {
        let written = try await store.write(lane: DossierCode(code)?.agencyIdentifier ?? code) { database in
            try await SQLRegistryAccessLog.insert(access[...], on: database)
            guard let row = try await database.raw(
                "SELECT \(unsafeRaw: DossierRow.columns) FROM dossiers WHERE code = \(bind: code)"
            ).first() else { throw RepositoryError.notFound }
            var dossier = try DossierRow.decode(row)
            if let (next, entry) = settle(dossier) {
                guard try await DossierRow.update(next, expectedVersion: dossier.version, on: database) else {
                    throw RepositoryError.versionConflict
                }
                try await ComponentRow.sync(from: dossier, to: next, on: database)
                try await HistoryRow.insertMany([entry], seal: seal, on: database)
                dossier = next
            }
            if RegistryVerification.isPending(dossier) {
                let attempts = try await database.raw(
                    "SELECT attempts FROM registry_verifications WHERE dossier_id = \(bind: dossier.id.lowercasedText)"
                ).first()?.decode(column: "attempts", as: Int.self) ?? 0
                try await VerificationRow.enqueue(
                    dossier, requestedBy: "", attempts: error == nil ? attempts : attempts + 1, nextAttempt: retryAt, error: error,
                    on: database)
            } else {
                try await VerificationRow.remove(dossier, on: database)
            }
            return dossier
        }
        checkpoints?.record(CollectionOfOne(written))
        return written
    }

    /// Dossiers whose next look-up round is due, oldest first.
    public func dueVerifications(at now: Date, limit: Int) async throws -> [PendingVerification] {
        try await store.read { database in
            try await database.raw(
                """
                SELECT dossier_code, requested_by, attempts, next_attempt_at, last_error FROM registry_verifications \
                WHERE next_attempt_at <= \(bind: DossierRow.ms(now)) ORDER BY next_attempt_at LIMIT \(unsafeRaw: String(max(1, limit)))
                """
            ).all().map(VerificationRow.decode)
        }
    }

    /// How many dossiers wait for a national database.
    public func pendingVerificationCount() async throws -> Int {
        try await store.read { database in
            try await database.raw("SELECT COUNT(*) AS n FROM registry_verifications").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// The queue entry of one dossier, if it still waits.
    public func pendingVerification(code: String) async throws -> PendingVerification? {
        try await store.read { database in
            try await database.raw(
                "SELECT dossier_code, requested_by, attempts, next_attempt_at, last_error FROM registry_verifications WHERE dossier_code = \(bind: code)"
            ).first().map(VerificationRow.decode)
        }
    }
}
