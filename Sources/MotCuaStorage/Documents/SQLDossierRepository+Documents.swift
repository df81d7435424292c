import Foundation
import MotCuaDomain
import SQLKit

extension SQLDossierRepository {
    /// Files a scanned document's metadata together with the dossier change that points a component at it
    /// (and its history entry), in one transaction: either both are written or neither, so no record points at
    /// nothing and no component points at a missing record.
    /// - Parameter transition: applied to the dossier as read inside the transaction (the rules are checked again
    ///   there, since the dossier may have changed since the upload began).
    public func file(
        _ document: DigitisedDocument, _ transition: @escaping @Sendable (Dossier) throws -> (dossier: Dossier, entry: HistoryEntry)
    ) async throws -> Dossier {
        try await self.transition(code: document.dossierCode, idempotency: nil) { current, database in
            let (next, entry) = try transition(current)
            try await SQLDocumentRepository.insert(document, on: database)
            return (next, entry, ())
        }.dossier
    }
}
