import Foundation
import MotCuaDomain

/// Persistence of dossiers and their history.
public protocol DossierRepository: Sendable {
    /// Allocates the dossier number and writes the dossier, its first history entry and the idempotency
    /// record in one transaction.
    func create(_ plan: DossierPlan, idempotency: IdempotencyWrite?) async throws -> Dossier
    /// Reads the dossier inside a write transaction, applies `transition`, and writes the result and the
    /// history entry under an optimistic version check.
    func transition(
        code: String, idempotency: IdempotencyWrite?,
        _ transition: @escaping @Sendable (Dossier) throws -> (dossier: Dossier, entry: HistoryEntry)
    ) async throws -> Dossier
    func find(code: String) async throws -> Dossier?
    func list(_ query: DossierQuery) async throws -> DossierPage
    func history(dossierID: UUID) async throws -> [HistoryEntry]
    func countsByStatus() async throws -> [DossierStatus: Int]
    /// Recomputes every hash chain; returns the first broken link of each damaged dossier.
    func verifyHistory(progress: (@Sendable (Int) -> Void)?) async throws -> HistoryAudit
}

/// An idempotency record written in the same transaction as the change it answers.
public struct IdempotencyWrite: Sendable {
    public let scope: String
    public let key: String
    public let requestHash: String
    public let statusCode: Int
    /// Renders the response body from the stored dossier.
    public let render: @Sendable (Dossier) throws -> String

    public init(scope: String, key: String, requestHash: String, statusCode: Int, render: @escaping @Sendable (Dossier) throws -> String) {
        self.scope = scope
        self.key = key
        self.requestHash = requestHash
        self.statusCode = statusCode
        self.render = render
    }
}

/// Result of `motcua audit verify`.
public struct HistoryAudit: Sendable {
    public let dossiersChecked: Int
    public let entriesChecked: Int
    /// Dossier code and the first broken link.
    public let breaks: [(code: String, chainBreak: ChainBreak)]
}

/// Storage-level failures that callers turn into precise answers.
public enum RepositoryError: Error, Sendable, Equatable {
    case notFound
    /// Another transaction changed the dossier between read and write.
    case versionConflict
    /// The receiving unit already numbered 9,999 dossiers today.
    case dailySequenceExhausted
    /// The idempotency key was taken concurrently; the caller should replay the stored answer.
    case idempotencyKeyTaken
    /// A stored value that no version of the platform writes (named by table and column, never the value).
    case corrupt(String)
}
