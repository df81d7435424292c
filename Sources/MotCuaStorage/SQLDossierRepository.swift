import Foundation
import MotCuaDomain
import SQLKit

/// The one `DossierRepository` implementation, for SQLite and PostgreSQL.
public struct SQLDossierRepository: DossierRepository {
    let store: any SQLStore
    /// Seals new history entries with the key kept outside the database; nil writes unsealed entries.
    let seal: HistorySeal?
    /// Notes the chain heads of committed writes for the checkpoint journal kept outside the database.
    public let checkpoints: HistoryCheckpointJournal?

    public init(store: any SQLStore, seal: HistorySeal? = nil, checkpoints: HistoryCheckpointJournal? = nil) {
        self.store = store
        self.seal = seal
        self.checkpoints = checkpoints
    }

    public func create(_ plan: DossierPlan, idempotency: IdempotencyWrite?) async throws -> Dossier {
        // Concurrent receipts in one batch are written together with a few multi-row statements; the body,
        // the same code for this receipt alone, is the fallback when that combined attempt fails.
        let receipt = try PendingReceipt(plan: plan, idempotency: idempotency)
        let combiner = WriteCombiner(key: "create-dossier", payload: receipt) { payloads, database in
            try await Self.createMany(payloads.map { $0 as! PendingReceipt }, seal: seal, on: database)
        }
        let created = try await store.write(lane: plan.receivingAgency.identifier, combiner: combiner) { database in
            try await Self.createMany([receipt], seal: seal, on: database)[0]
        }
        checkpoints?.record(CollectionOfOne(created))
        return created
    }

    public func transition(
        code: String, idempotency: IdempotencyWrite?,
        _ apply: @escaping @Sendable (Dossier) throws -> (dossier: Dossier, entry: HistoryEntry)
    ) async throws -> Dossier {
        try await transition(code: code, idempotency: idempotency) { current, _ in
            let (next, entry) = try apply(current)
            return (next, entry, ())
        }.dossier
    }

    /// Reads the dossier in a write transaction and lets `transition` compute the next dossier and its history
    /// entry while writing what belongs with them (a signed result, a register number) on the same connection,
    /// so all of it commits together or not at all.
    public func transition<T: Sendable>(
        code: String, idempotency: IdempotencyWrite?,
        _ transition: @escaping @Sendable (Dossier, any SQLDatabase) async throws -> (dossier: Dossier, entry: HistoryEntry, value: T)
    ) async throws -> (dossier: Dossier, value: T) {
        let written = try await store.write(lane: DossierCode(code)?.agencyIdentifier ?? code) { database in
            guard let row = try await database.raw(
                "SELECT \(unsafeRaw: DossierRow.columns) FROM dossiers WHERE code = \(bind: code)"
            ).first() else { throw RepositoryError.notFound }
            let current = try DossierRow.decode(row)
            let (next, entry, value) = try await transition(current, database)
            guard try await DossierRow.update(next, expectedVersion: current.version, on: database) else {
                throw RepositoryError.versionConflict
            }
            try await ComponentRow.sync(from: current, to: next, on: database)
            try await HistoryRow.insertMany([entry], seal: seal, on: database)
            if let idempotency { try await IdempotencyRow.insert(idempotency, dossier: next, on: database) }
            return (next, value)
        }
        checkpoints?.record(CollectionOfOne(written.0))
        return written
    }

    public func find(code: String) async throws -> Dossier? {
        try await store.lookup { database in
            try await database.raw("SELECT \(unsafeRaw: DossierRow.columns) FROM dossiers WHERE code = \(bind: code)")
                .first().map(DossierRow.decode)
        }
    }

    public func list(_ query: DossierQuery) async throws -> DossierPage {
        let limit = max(1, min(query.limit, 200))
        let rows = try await store.read { database in
            var sql = SQLQueryString("SELECT \(unsafeRaw: DossierRow.summaryColumns) FROM dossiers WHERE 1 = 1")
            switch query.scope {
            case .handledBy(let agency): sql.appendInterpolation(unsafeRaw: " AND agency_id = "); sql.appendInterpolation(bind: agency)
            case .receivedAt(let agency): sql.appendInterpolation(unsafeRaw: " AND receiving_agency_id = "); sql.appendInterpolation(bind: agency)
            case .all: break
            }
            if !query.statuses.isEmpty {
                sql.appendInterpolation(unsafeRaw: " AND status IN (")
                for (index, status) in query.statuses.enumerated() {
                    if index > 0 { sql.appendInterpolation(unsafeRaw: ", ") }
                    sql.appendInterpolation(bind: status.rawValue)
                }
                sql.appendInterpolation(unsafeRaw: ")")
            }
            if let step = query.step { sql.appendInterpolation(unsafeRaw: " AND step = "); sql.appendInterpolation(bind: step.rawValue) }
            if let handler = query.handlerID { sql.appendInterpolation(unsafeRaw: " AND handler_id = "); sql.appendInterpolation(bind: handler) }
            if let applicant = query.applicantID { sql.appendInterpolation(unsafeRaw: " AND applicant_id = "); sql.appendInterpolation(bind: applicant.value) }
            let open = " AND status IN (" + DossierStatus.allCases.filter(\.isWithAdministration).map { String($0.rawValue) }.joined(separator: ", ") + ")"
            if let overdue = query.overdueAt {
                sql.appendInterpolation(unsafeRaw: open + " AND due_at < ")
                sql.appendInterpolation(bind: DossierRow.ms(overdue))
            }
            if let dueBefore = query.dueBefore {
                sql.appendInterpolation(unsafeRaw: open + " AND due_at <= ")
                sql.appendInterpolation(bind: DossierRow.ms(dueBefore))
            }
            if let after = query.after {
                sql.appendInterpolation(unsafeRaw: " AND (submitted_at, id) > (")
                sql.appendInterpolation(bind: Int(after.submittedAtMilliseconds))
                sql.appendInterpolation(unsafeRaw: ", ")
                sql.appendInterpolation(bind: after.id)
                sql.appendInterpolation(unsafeRaw: ")")
            }
            sql.appendInterpolation(unsafeRaw: " ORDER BY submitted_at, id LIMIT \(limit + 1)")
            return try await database.raw(sql).all()
        }
        var items = try rows.map(DossierRow.decodeSummary)
        var next: DossierCursor?
        if items.count > limit {
            items.removeLast()
            let last = items[items.count - 1]
            next = DossierCursor(submittedAtMilliseconds: HashChain.milliseconds(last.submittedAt), id: last.id.lowercasedText)
        }
        return DossierPage(items: items, next: next)
    }

    /// Online dossiers the applicant submitted since `since`, for the per-citizen submission quota.
    public func onlineSubmissionCount(applicantID: CitizenID, since: Date) async throws -> Int {
        try await store.read { database in
            let row = try await database.raw(
                """
                SELECT COUNT(*) AS n FROM dossiers WHERE applicant_id = \(bind: applicantID.value) \
                AND submitted_at >= \(bind: DossierRow.ms(since)) AND channel = \(bind: Channel.online.rawValue)
                """
            ).first()
            return try row?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    public func history(dossierID: UUID) async throws -> [HistoryEntry] {
        try await store.read { database in
            try await database.raw(
                "SELECT * FROM dossier_history WHERE dossier_id = \(bind: dossierID.lowercasedText) ORDER BY seq"
            ).all().map(HistoryRow.decode)
        }
    }

    /// Codes of dossiers still with the administration whose promised date is provisional, oldest first.
    public func provisionalDueCodes() async throws -> [String] {
        let open = DossierStatus.allCases.filter(\.isWithAdministration).map { String($0.rawValue) }.joined(separator: ", ")
        let rows = try await store.read { database in
            try await database.raw(
                "SELECT code FROM dossiers WHERE due_provisional = 1 AND status IN (\(unsafeRaw: open)) ORDER BY received_at, code"
            ).all()
        }
        return try rows.map { try $0.decode(column: "code", as: String.self) }
    }

    /// Dossiers received by or handled at `agencyID` whose receipt falls in [from, until), oldest first (Form 07).
    public func register(agencyID: String, from: Date, until: Date, limit: Int) async throws -> [Dossier] {
        let rows = try await store.read { database in
            try await database.raw(
                """
                SELECT \(unsafeRaw: DossierRow.columns) FROM dossiers \
                WHERE (agency_id = \(bind: agencyID) OR receiving_agency_id = \(bind: agencyID)) \
                AND received_at >= \(bind: DossierRow.ms(from)) AND received_at < \(bind: DossierRow.ms(until)) \
                ORDER BY received_at, code LIMIT \(bind: limit)
                """
            ).all()
        }
        return try rows.map(DossierRow.decode)
    }

    public func countsByStatus() async throws -> [DossierStatus: Int] {
        let rows = try await store.read { database in
            try await database.raw("SELECT status, COUNT(*) AS n FROM dossiers GROUP BY status").all()
        }
        var counts: [DossierStatus: Int] = [:]
        for row in rows {
            if let status = DossierStatus(rawValue: try row.decode(column: "status", as: Int.self)) {
                counts[status] = try row.decode(column: "n", as: Int.self)
            }
        }
        return counts
    }

    /// Recomputes every chain without the history key (the plain SHA-256 links only). With `seal`, ``verifyHistory(seal:progress:)`` also checks every entry's keyed seal and the
    /// anchors of chains older than the key, so a chain rewritten consistently with plain SHA-256 is found.
    public func verifyHistory(progress: (@Sendable (Int) -> Void)?) async throws -> HistoryAudit {
        try await verifyHistory(seal: nil, progress: progress)
    }

    /// Recomputes every chain and, with the history key, checks the seals and anchors too.
    public func verifyHistory(seal: HistorySeal?, progress: (@Sendable (Int) -> Void)?) async throws -> HistoryAudit {
        try await verifyHistory(seal: seal, checkpoints: nil, progress: progress)
    }

    /// Recomputes every chain; with the history key checks the seals and anchors; with the checkpoint journals'
    /// ledger checks that every chain reaches at least the head a checkpoint saw and that no dossier a
    /// checkpoint saw has gone.
    public func verifyHistory(
        seal: HistorySeal?, checkpoints: HistoryCheckpointLedger?, progress: (@Sendable (Int) -> Void)?
    ) async throws -> HistoryAudit {
        var dossiers = 0
        var entries = 0
        var breaks: [(code: String, chainBreak: ChainBreak)] = []
        var unseen = Set(checkpoints?.heads.keys ?? [:].keys)
        var afterID = ""
        while true {
            // Walk dossiers in id order, a page at a time, so memory stays flat on millions of rows.
            let cursor = afterID
            let page = try await store.read { database in
                try await database.raw(
                    "SELECT id, code, history_head, version FROM dossiers WHERE id > \(bind: cursor) ORDER BY id LIMIT 500"
                ).all()
            }
            if page.isEmpty { break }
            let ids = try page.map { try $0.decode(column: "id", as: String.self) }
            let history = try await store.read { database in
                try await database.raw(Self.selectIn("SELECT * FROM dossier_history", ids, order: "dossier_id, seq")).all()
                    .map { (entry: try HistoryRow.decode($0), seal: try $0.decode(column: "seal", as: String?.self)) }
            }
            var anchors: [String: [HistoryAnchor]] = [:]
            if seal != nil { anchors = try await self.anchors(ids) }
            let byDossier = Dictionary(grouping: history, by: { $0.entry.dossierID.lowercasedText })
            for row in page {
                let id = try row.decode(column: "id", as: String.self)
                let code = try row.decode(column: "code", as: String.self)
                let head = try row.decode(column: "history_head", as: String.self)
                let version = try row.decode(column: "version", as: Int.self)
                let sealed = byDossier[id] ?? []
                let chain = sealed.map(\.entry)
                entries += chain.count
                dossiers += 1
                guard let uuid = UUID(uuidString: id) else { continue }
                let seen = checkpoints.flatMap { unseen.remove(uuid) != nil ? $0.heads[uuid] : nil }
                if let broken = HashChain.verify(chain, dossierID: uuid) {
                    breaks.append((code, broken))
                } else if chain.count != version || chain.last?.hash != head {
                    breaks.append((code, ChainBreak(sequence: chain.count + 1, reason: "history ends at entry \(chain.count) but the dossier is at version \(version) (entries removed?)")))
                } else if let seen, seen.sequence > chain.count {
                    breaks.append((code, ChainBreak(
                        sequence: chain.count + 1,
                        reason: "history ends at entry \(chain.count) but a checkpoint outside the database saw entry \(seen.sequence) (entries removed)")))
                } else if let seen, chain[seen.sequence - 1].hash != seen.hash {
                    breaks.append((code, ChainBreak(
                        sequence: seen.sequence, reason: "entry \(seen.sequence) is not the one a checkpoint outside the database saw (history rewritten)")))
                } else if let seal, let broken = seal.verify(chain, seals: sealed.map(\.seal), anchors: anchors[id] ?? [], dossierID: uuid) {
                    breaks.append((code, broken))
                }
            }
            afterID = ids.last!
            progress?(dossiers)
        }
        // Dossiers a checkpoint saw that the database no longer has: deleted with their history.
        for id in unseen.sorted(by: { $0.lowercasedText < $1.lowercasedText }) {
            guard let seen = checkpoints?.heads[id] else { continue }
            breaks.append((
                "dossier " + id.lowercasedText,
                ChainBreak(sequence: 1, reason: "the dossier is gone, but a checkpoint outside the database saw its history at entry \(seen.sequence)")))
        }
        for problem in checkpoints?.problems ?? [] {
            breaks.append(("checkpoints", ChainBreak(sequence: 0, reason: problem)))
        }
        return HistoryAudit(dossiersChecked: dossiers, entriesChecked: entries, breaks: breaks)
    }

    /// The anchors of each of these dossiers.
    private func anchors(_ ids: [String]) async throws -> [String: [HistoryAnchor]] {
        let rows = try await store.read { database in
            try await database.raw(Self.selectIn("SELECT dossier_id, seq, hash, seal FROM history_key_anchors", ids, order: "dossier_id, seq")).all()
        }
        var anchors: [String: [HistoryAnchor]] = [:]
        for row in rows {
            anchors[try row.decode(column: "dossier_id", as: String.self), default: []].append(HistoryAnchor(
                sequence: try row.decode(column: "seq", as: Int.self), hash: try row.decode(column: "hash", as: String.self),
                seal: try row.decode(column: "seal", as: String.self)))
        }
        return anchors
    }

    private static func selectIn(_ select: String, _ ids: [String], order: String) -> SQLQueryString {
        var sql = SQLQueryString("\(unsafeRaw: select) WHERE dossier_id IN (")
        for (index, id) in ids.enumerated() {
            if index > 0 { sql.appendInterpolation(unsafeRaw: ", ") }
            sql.appendInterpolation(bind: id)
        }
        sql.appendInterpolation(unsafeRaw: ") ORDER BY \(order)")
        return sql
    }

    /// Seals, with the history key, the head of every chain whose latest entry has no seal (chains written
    /// before the key existed), so that `verifyHistory(seal:)` vouches for them from now on. Idempotent;
    /// returns the number of chains anchored.
    @discardableResult
    public func anchorUnsealedHistory(seal: HistorySeal, at now: Date) async throws -> Int {
        var anchored = 0
        while true {
            let rows = try await store.read { database in
                try await database.raw(
                    """
                    SELECT h.dossier_id, h.seq, h.hash FROM dossiers d JOIN dossier_history h ON h.dossier_id = d.id AND h.seq = d.version \
                    WHERE h.seal IS NULL AND NOT EXISTS (SELECT 1 FROM history_key_anchors a WHERE a.dossier_id = h.dossier_id AND a.seq = h.seq) \
                    LIMIT 500
                    """
                ).all()
            }
            if rows.isEmpty { return anchored }
            try await insertAnchors(rows, seal: seal, at: now)
            anchored += rows.count
        }
    }

    /// Anchors the head of every chain with the ring's sealing key, unless its head entry is sealed with it or
    /// an anchor made with it already covers the head: after this, keys other than the sealing key are needed
    /// for nothing and can leave the ring (`motcua audit rotate-history-key`, which verifies every chain
    /// with the whole ring first). Idempotent; returns the number of chains anchored.
    @discardableResult
    public func anchorHeadsWithSealingKey(seal: HistorySeal, at now: Date, progress: (@Sendable (Int) -> Void)?) async throws -> Int {
        var anchored = 0
        var afterID = ""
        let kid = seal.sealingKeyIdentifier
        while true {
            let cursor = afterID
            let rows = try await store.read { database in
                try await database.raw(
                    """
                    SELECT d.id AS dossier_id, h.seq, h.hash, h.seal, \
                    (SELECT COUNT(*) FROM history_key_anchors a WHERE a.dossier_id = d.id AND a.seq = h.seq AND a.key_id = \(bind: kid)) AS anchored \
                    FROM dossiers d JOIN dossier_history h ON h.dossier_id = d.id AND h.seq = d.version \
                    WHERE d.id > \(bind: cursor) ORDER BY d.id LIMIT 500
                    """
                ).all()
            }
            guard let last = rows.last else { return anchored }
            afterID = try last.decode(column: "dossier_id", as: String.self)
            let stale = try rows.filter { row in
                let entrySeal = try row.decode(column: "seal", as: String?.self)
                return try row.decode(column: "anchored", as: Int.self) == 0 && !(entrySeal?.hasPrefix(kid + ":") ?? false)
            }
            if !stale.isEmpty { try await insertAnchors(stale, seal: seal, at: now) }
            anchored += stale.count
            progress?(anchored)
        }
    }

    private func insertAnchors(_ rows: [any SQLRow], seal: HistorySeal, at now: Date) async throws {
        var values: [[any Encodable & Sendable]] = []
        for row in rows {
            let id = try row.decode(column: "dossier_id", as: String.self)
            let sequence = try row.decode(column: "seq", as: Int.self)
            let hash = try row.decode(column: "hash", as: String.self)
            guard let uuid = UUID(uuidString: id) else { throw StoredDataError("history row has an unknown dossier id") }
            values.append([id, sequence, seal.sealingKeyIdentifier, hash, seal.anchor(dossierID: uuid, sequence: sequence, hash: hash), DossierRow.ms(now)])
        }
        let anchors = values
        try await store.write(lane: "history-anchors") { database in
            try await database.insertRows(
                into: "history_key_anchors", columns: ["dossier_id", "seq", "key_id", "hash", "seal", "at"], rows: anchors,
                onConflictDoNothing: true)
        }
    }
}

extension SQLDossierRepository {
    /// Loads many dossiers at once (benchmarks and migrations from legacy systems), in one transaction per
    /// call, and raises the daily sequences so later receipts continue after the loaded numbers.
    public func bulkInsert(_ items: [(dossier: Dossier, entry: HistoryEntry)], sequences: [(identifier: String, day: String, last: Int)]) async throws {
        try await bulkInsert(items.map { ($0.dossier, [$0.entry]) }, activity: BulkActivity(), sequences: sequences)
    }
}

/// A receipt waiting in a write batch.
private struct PendingReceipt: Sendable {
    let plan: DossierPlan
    let idempotency: IdempotencyWrite?
    /// The details column, encoded on the caller's task instead of on the writer: it does not depend on the
    /// number, version or history head that the writer assigns.
    let details: String

    init(plan: DossierPlan, idempotency: IdempotencyWrite?) throws {
        self.plan = plan
        self.idempotency = idempotency
        self.details = try DossierRow.details(of: plan.template)
    }
}

extension SQLDossierRepository {
    /// Writes receipts: one sequence statement per receiving unit and day, then multi-row inserts.
    /// The sequence row is incremented in the same transaction as the inserts, so a rolled-back receipt
    /// gives its number back; numbers are allocated in arrival order, so they stay gap-free.
    fileprivate static func createMany(_ receipts: [PendingReceipt], seal: HistorySeal?, on database: any SQLDatabase) async throws -> [Dossier] {
        var order: [String] = []
        var counts: [String: Int] = [:]
        for receipt in receipts {
            let key = receipt.plan.numberingSeries.key + "|" + receipt.plan.codeDate.description
            if counts[key] == nil { order.append(key) }
            counts[key, default: 0] += 1
        }
        var next: [String: Int] = [:]
        for key in order {
            let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
            let count = counts[key]!
            let row = try await database.raw(
                """
                INSERT INTO dossier_sequences (agency_identifier, day, last_value) VALUES (\(bind: parts[0]), \(bind: parts[1]), \(bind: count)) \
                ON CONFLICT (agency_identifier, day) DO UPDATE SET last_value = dossier_sequences.last_value + \(bind: count) \
                RETURNING last_value
                """
            ).first()
            guard let last = try row?.decode(column: "last_value", as: Int.self) else { throw StoredDataError("sequence allocation returned no row") }
            let series = DossierNumberingSeries(key: parts[0])
            guard last <= series.capacity else { throw RepositoryError.dailySequenceExhausted }
            next[key] = series.first + last - count
        }
        var made: [(dossier: Dossier, entry: HistoryEntry)] = []
        made.reserveCapacity(receipts.count)
        for receipt in receipts {
            let key = receipt.plan.numberingSeries.key + "|" + receipt.plan.codeDate.description
            let sequence = next[key]!
            next[key] = sequence + 1
            made.append(receipt.plan.make(code: DossierCode(agencyIdentifier: receipt.plan.receivingAgency.identifier, date: receipt.plan.codeDate, sequence: sequence)))
        }
        let details = receipts.map(\.details)
        for start in stride(from: 0, to: made.count, by: 400) {
            let range = start..<min(start + 400, made.count)
            let chunk = made[range]
            try await DossierRow.insertMany(ArraySlice(chunk.map(\.dossier)), details: details[range], on: database)
            try await ComponentRow.insertMany(chunk.map(\.dossier), on: database)
            try await HistoryRow.insertMany(ArraySlice(chunk.map(\.entry)), seal: seal, on: database)
        }
        for (receipt, item) in zip(receipts, made) {
            if let idempotency = receipt.idempotency { try await IdempotencyRow.insert(idempotency, dossier: item.dossier, on: database) }
        }
        // Queued in the same transaction: the background verifier fetches the national data right after
        // the receipt, and a crash or a registry outage cannot lose the work.
        let pending = zip(receipts, made).filter { RegistryVerification.isPending($1.dossier) }
        try await VerificationRow.enqueueNew(pending.map { ($1.dossier, $0.plan.actor.id) }, on: database)
        return made.map(\.dossier)
    }
}
