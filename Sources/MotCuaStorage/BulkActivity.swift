import Foundation
import MotCuaDomain
import SQLKit

/// What a bulk load (the demo's `populate`) writes beside its dossiers, in the same transaction: their signed
/// results, the scans filed for their components, the applicants' ratings and the register numbers those
/// results took, and complaints and petitions. The rows are exactly those the services write one at a time
/// (`SQLResultRepository.insert`, `SQLDocumentRepository.insert`, `SQLSatisfactionRepository.record`, `create`
/// and `update`), written with multi-row inserts.
public struct BulkActivity: Sendable {
    public var results: [StoredResult] = []
    public var documents: [DigitisedDocument] = []
    public var ratings: [DossierRating] = []
    /// Petitions as they stand, each with its whole history.
    public var petitions: [(petition: Petition, history: [PetitionEvent])] = []
    /// The last number used in each agency's register book, raised to at least this value.
    public var registerNumbers: [RegisterCounter] = []

    public init() {}

    /// One register book's counter.
    public struct RegisterCounter: Sendable, Hashable {
        public let agencyID: String
        public let book: String
        public let last: Int

        public init(agencyID: String, book: String, last: Int) {
            self.agencyID = agencyID
            self.book = book
            self.last = last
        }
    }

    public mutating func removeAll() {
        results.removeAll(keepingCapacity: true)
        documents.removeAll(keepingCapacity: true)
        ratings.removeAll(keepingCapacity: true)
        petitions.removeAll(keepingCapacity: true)
        registerNumbers.removeAll(keepingCapacity: true)
    }
}

extension SQLDossierRepository {
    /// Writes dossiers with their whole history chains (receipt, scans, result steps), `activity` and the numbering
    /// sequences raised to at least `sequences`, in one transaction, so the index feed never sees a dossier without
    /// the results and scans it was written with.
    public func bulkInsert(
        _ items: [(dossier: Dossier, entries: [HistoryEntry])], activity: BulkActivity,
        sequences: [(identifier: String, day: String, last: Int)] = []
    ) async throws {
        let seal = seal
        try await store.withWriteConnection { database in
            // 400 rows × 26 columns stays under both engines' limits on bound parameters.
            for start in stride(from: 0, to: items.count, by: 400) {
                let chunk = items[start..<min(start + 400, items.count)]
                try await DossierRow.insertMany(ArraySlice(chunk.map(\.dossier)), on: database)
                try await ComponentRow.insertMany(chunk.map(\.dossier), on: database)
                try await HistoryRow.insertMany(ArraySlice(chunk.flatMap(\.entries)), seal: seal, on: database)
            }
            try await database.insertRows(
                into: SQLResultRepository.table, columns: SQLResultRepository.columns, rows: try activity.results.map(SQLResultRepository.values))
            try await database.insertRows(
                into: SQLDocumentRepository.table, columns: SQLDocumentRepository.columns, rows: activity.documents.map(SQLDocumentRepository.values))
            try await database.insertRows(
                into: "dossier_ratings", columns: SQLSatisfactionRepository.ratingColumns, rows: activity.ratings.map { SQLSatisfactionRepository.values($0) })
            try await database.insertRows(
                into: "petitions", columns: SQLSatisfactionRepository.columns, rows: activity.petitions.map { SQLSatisfactionRepository.values($0.petition) })
            try await database.insertRows(
                into: "petition_history", columns: SQLSatisfactionRepository.historyColumns,
                rows: activity.petitions.flatMap { filed in filed.history.map { SQLSatisfactionRepository.values(filed.petition.id, $0) } })
            for sequence in sequences {
                try await database.raw("""
                    INSERT INTO dossier_sequences (agency_identifier, day, last_value) \
                    VALUES (\(bind: sequence.identifier), \(bind: sequence.day), \(bind: sequence.last)) \
                    ON CONFLICT (agency_identifier, day) DO UPDATE SET last_value = \
                    CASE WHEN dossier_sequences.last_value > \(bind: sequence.last) THEN dossier_sequences.last_value ELSE \(bind: sequence.last) END
                    """).run()
            }
            for counter in activity.registerNumbers {
                try await database.raw("""
                    INSERT INTO result_register_counters (agency_id, register_book, last_number) \
                    VALUES (\(bind: counter.agencyID), \(bind: counter.book), \(bind: counter.last)) \
                    ON CONFLICT (agency_id, register_book) DO UPDATE SET last_number = \
                    CASE WHEN result_register_counters.last_number > \(bind: counter.last) THEN result_register_counters.last_number \
                    ELSE \(bind: counter.last) END
                    """).run()
            }
        }
        checkpoints?.record(items.lazy.map(\.dossier))
    }
}

extension SQLResultRepository {
    /// The last number used in each agency's register book, keyed `agency|book`.
    public func registerNumbers() async throws -> [String: Int] {
        try await store.read { database in
            var numbers: [String: Int] = [:]
            for row in try await database.raw("SELECT agency_id, register_book, last_number FROM result_register_counters").all() {
                let key = try row.decode(column: "agency_id", as: String.self) + "|" + row.decode(column: "register_book", as: String.self)
                numbers[key] = try row.decode(column: "last_number", as: Int.self)
            }
            return numbers
        }
    }
}
