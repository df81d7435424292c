import Foundation
import MotCuaDomain
import MotCuaReconciliation
import MotCuaStorage
import Synchronization

/// Links verified legacy records to the population register with the reconciliation engine, the same run the
/// stewards' campaigns use (blocking, Fellegi–Sunter scores, thresholds): a record the engine links
/// automatically gets the person's 12-digit ID; any other becomes a review item for a data steward.
///
/// The engine reads files, so the records go to a temporary CSV in its source layout; the register is the CSV the
/// registry exports (`motcua registry export`, `RegisterExport`). Marriage records are matched on the husband.
public struct LegacyRecordLinker: Sendable {
    let registers: SQLLegacyRegisterRepository

    public init(registers: SQLLegacyRegisterRepository) {
        self.registers = registers
    }

    /// What a linking run decided.
    public struct Outcome: Sendable, Hashable {
        public var linked = 0
        public var inReview = 0
    }

    /// Links the verified, not yet linked records (of one book, or all), at most `limit` in one run.
    /// - Parameter thresholds: fixed thresholds; nil lets the engine calibrate them on the run (needs enough records).
    public func link(register: URL, bookID: String? = nil, thresholds: MatchThresholds?, by actor: String, limit: Int = 200_000) async throws -> Outcome {
        let entries = try await registers.verifiedUnlinked(bookID: bookID, limit: limit)
        guard !entries.isEmpty else { return Outcome() }
        let books = try await Self.books(of: entries, registers)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-legacy-" + UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("legacy-records.csv")
        var text = "record_id,event_type,event_date,full_name,sex,date_of_birth,place\n"
        var matchable: Set<String> = []
        for entry in entries {
            guard let record = entry.record, let book = books[entry.bookID], let born = Self.engineDate(record.dateOfBirth) else { continue }
            matchable.insert(entry.id)
            let cells = [
                entry.id, book.identity.kind.rawValue, record.eventDate?.description ?? record.registrationDate.description, record.fullName,
                record.sex?.rawValue ?? "", born, record.place,
            ]
            text += cells.map(CSVCell.encode).joined(separator: ",") + "\n"
        }
        var decisions: [String: LegacyLinkDecision] = [:]
        if !matchable.isEmpty {
            try Data(text.utf8).write(to: source)
            let collected = Mutex<[LegacyLinkDecision]>([])
            _ = try await Reconciler.run(ReconciliationOptions(register: register, source: source, thresholds: thresholds), findings: { batch in
                let found = batch.map { finding in
                    let linked = finding.automatic && finding.citizenID != nil
                    return LegacyLinkDecision(
                        entryID: finding.sourceRecordID, state: linked ? .linked : .review, citizenID: finding.citizenID, score: finding.score)
                }
                collected.withLock { $0 += found }
            })
            for decision in collected.withLock({ $0 }) { decisions[decision.entryID] = decision }
        }
        // A record the engine could not read (no usable date of birth) is for a steward too.
        let all = entries.map { decisions[$0.id] ?? LegacyLinkDecision(entryID: $0.id, state: .review, citizenID: nil, score: nil) }
        try await registers.recordLinks(all, by: actor)
        var outcome = Outcome()
        for decision in all {
            if decision.state == .linked { outcome.linked += 1 } else { outcome.inReview += 1 }
        }
        return outcome
    }

    /// The date of birth as the engine reads it: the full date, or the year found in the text as written.
    static func engineDate(_ date: RecordedDate?) -> String? {
        guard let date else { return nil }
        if let full = date.date { return full.description }
        let digits = (date.asWritten ?? "").split { !$0.isNumber }.first { $0.count == 4 }
        return digits.map { String($0) }
    }

    static func books(of entries: [LegacyEntry], _ registers: SQLLegacyRegisterRepository) async throws -> [String: LegacyBook] {
        var books: [String: LegacyBook] = [:]
        for id in Set(entries.map(\.bookID)) { books[id] = try await registers.book(id: id) }
        return books
    }
}
