import Foundation
import MotCuaDomain
import SQLKit

/// Mapping between `HistoryEntry` and the append-only `dossier_history` table.
enum HistoryRow {
    /// Inserts entries with one multi-row statement, each with its keyed seal when a history key is configured.
    static func insertMany(_ entries: ArraySlice<HistoryEntry>, seal: HistorySeal?, on database: any SQLDatabase) async throws {
        guard !entries.isEmpty else { return }
        let rows = entries.map { e -> [any Encodable & Sendable] in
            [
                e.dossierID.lowercasedText, e.sequence, e.action, e.actorID, e.actorRole, e.actorAgencyID,
                Int(HashChain.milliseconds(e.at)), e.statusBefore?.rawValue, e.statusAfter.rawValue, e.stepBefore?.rawValue,
                e.stepAfter.rawValue, e.note, e.previousHash, e.hash,
                seal?.seal(dossierID: e.dossierID, sequence: e.sequence, hash: e.hash),
            ]
        }
        try await database.insertRows(
            into: "dossier_history",
            columns: [
                "dossier_id", "seq", "action", "actor_id", "actor_role", "actor_agency_id", "at", "status_before", "status_after",
                "step_before", "step_after", "note", "previous_hash", "hash", "seal",
            ],
            rows: rows)
    }

    static func decode(_ row: any SQLRow) throws -> HistoryEntry {
        guard let id = UUID(uuidString: try row.decode(column: "dossier_id", as: String.self)),
            let statusAfter = DossierStatus(rawValue: try row.decode(column: "status_after", as: Int.self)),
            let stepAfter = ProcessStep(rawValue: try row.decode(column: "step_after", as: String.self))
        else { throw StoredDataError("history row has an unknown dossier id, status or step") }
        return HistoryEntry(
            dossierID: id, sequence: try row.decode(column: "seq", as: Int.self),
            action: try row.decode(column: "action", as: String.self),
            actorID: try row.decode(column: "actor_id", as: String.self),
            actorRole: try row.decode(column: "actor_role", as: String.self),
            actorAgencyID: try row.decode(column: "actor_agency_id", as: String?.self),
            at: Date(timeIntervalSince1970: Double(try row.decode(column: "at", as: Int.self)) / 1000),
            statusBefore: try row.decode(column: "status_before", as: Int?.self).flatMap(DossierStatus.init(rawValue:)),
            statusAfter: statusAfter,
            stepBefore: try row.decode(column: "step_before", as: String?.self).flatMap(ProcessStep.init(rawValue:)),
            stepAfter: stepAfter, note: try row.decode(column: "note", as: String?.self),
            previousHash: try row.decode(column: "previous_hash", as: String.self),
            hash: try row.decode(column: "hash", as: String.self))
    }
}
