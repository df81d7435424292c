import Foundation
import MotCuaDomain
import SQLKit
import Synchronization

/// Campaigns, stored findings and stewards' decisions, for SQLite and PostgreSQL.
public struct SQLWorklistRepository: Sendable {
    let store: any SQLStore

    public init(store: any SQLStore) {
        self.store = store
    }

    /// The update requests that accepted corrections send to the national registries, on the same database.
    public var registryOutbox: SQLRegistryOutbox { SQLRegistryOutbox(store: store) }

    // MARK: - Campaigns

    /// Returns the campaign with this name, creating it for `agencyID` if needed; `nameTaken` when the name
    /// belongs to another agency's campaign (whose details are not returned).
    public func campaign(
        named name: String, description: String?, createdBy: String, agencyID: String? = nil, at now: Date = Date()
    ) async throws -> Campaign {
        let trimmed = try Self.campaignName(name)
        return try await store.write(lane: "worklist") { database in
            try await Self.campaign(named: trimmed, description: description, createdBy: createdBy, agencyID: agencyID, at: now, on: database)
        }
    }

    /// The campaign with this name (trimmed, NFC), if there is one.
    public func campaign(named name: String) async throws -> Campaign? {
        let trimmed = try Self.campaignName(name)
        return try await store.read { database in
            try await database.raw("SELECT * FROM campaigns WHERE name = \(bind: trimmed)").first().map(Self.campaign)
        }
    }

    /// A campaign name as stored: trimmed, NFC, 1–200 characters.
    static func campaignName(_ name: String) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard !trimmed.isEmpty, trimmed.count <= 200 else { throw WorklistError.invalid("campaign name must be 1–200 characters") }
        return trimmed
    }

    /// Finds or creates the campaign named `name`, inside the caller's transaction.
    static func campaign(
        named name: String, description: String?, createdBy: String, agencyID: String?, at now: Date, on database: any SQLDatabase
    ) async throws -> Campaign {
        try await database.raw(
            """
            INSERT INTO campaigns (id, name, description, created_by, created_at, agency_id) VALUES (\(bind: UUID().lowercasedText), \
            \(bind: name), \(bind: description), \(bind: createdBy), \(bind: DossierRow.ms(now)), \(bind: agencyID)) ON CONFLICT (name) DO NOTHING
            """
        ).run()
        guard let row = try await database.raw("SELECT * FROM campaigns WHERE name = \(bind: name)").first() else {
            throw WorklistError.campaignNotFound
        }
        let campaign = try Self.campaign(row)
        guard campaign.agencyID == agencyID else { throw WorklistError.nameTaken }
        return campaign
    }

    /// Every campaign with its progress.
    public func campaigns() async throws -> [CampaignProgress] {
        try await progress(campaignID: nil)
    }

    /// One campaign with its progress; nil when there is none with this id.
    public func campaign(id: String) async throws -> CampaignProgress? {
        try await progress(campaignID: id).first
    }

    private func progress(campaignID: String?) async throws -> [CampaignProgress] {
        try await store.read { database in
            var campaignsSQL = SQLQueryString("SELECT * FROM campaigns")
            var countsSQL = SQLQueryString("SELECT campaign_id, status, COUNT(*) AS n FROM findings")
            if let campaignID {
                campaignsSQL.appendInterpolation(unsafeRaw: " WHERE id = ")
                campaignsSQL.appendInterpolation(bind: campaignID)
                countsSQL.appendInterpolation(unsafeRaw: " WHERE campaign_id = ")
                countsSQL.appendInterpolation(bind: campaignID)
            }
            campaignsSQL.appendInterpolation(unsafeRaw: " ORDER BY created_at, id")
            countsSQL.appendInterpolation(unsafeRaw: " GROUP BY campaign_id, status")
            let campaigns = try await database.raw(campaignsSQL).all().map(Self.campaign)
            var byCampaign: [String: [FindingStatus: Int]] = [:]
            for row in try await database.raw(countsSQL).all() {
                guard let status = FindingStatus(rawValue: try row.decode(column: "status", as: String.self)) else { continue }
                byCampaign[try row.decode(column: "campaign_id", as: String.self), default: [:]][status] = try row.decode(column: "n", as: Int.self)
            }
            return campaigns.map { campaign in
                let c = byCampaign[campaign.id] ?? [:]
                let open = c[.open] ?? 0, accepted = c[.accepted] ?? 0, edited = c[.edited] ?? 0, rejected = c[.rejected] ?? 0
                return CampaignProgress(
                    campaign: campaign, total: open + accepted + edited + rejected, open: open, accepted: accepted, edited: edited,
                    rejected: rejected)
            }
        }
    }

    // MARK: - Storing a run

    /// Stores a run's findings in one transaction: all of them or, on any failure, none.
    @discardableResult
    public func storeRun(campaignID: String, sourceName: String, findings: [FindingInput], createdBy: String, at now: Date = Date()) async throws -> String {
        let (batches, continuation) = AsyncThrowingStream<[FindingInput], any Error>.makeStream()
        continuation.yield(findings)
        continuation.finish()
        return try await storeRun(campaignID: campaignID, sourceName: sourceName, batches: batches, createdBy: createdBy, at: now)
    }

    /// Stores a run's findings as they arrive, batch by batch, in one transaction that commits when the stream
    /// ends; if the stream ends with an error, or anything fails, nothing is stored.
    ///
    /// So the rows go to disk while the engine is still producing them, instead of after it. The transaction
    /// holds the writer until then: meant for the command line, where nothing else writes.
    @discardableResult
    public func storeRun(
        campaignID: String, sourceName: String, batches: AsyncThrowingStream<[FindingInput], any Error>, createdBy: String, at now: Date = Date()
    ) async throws -> String {
        try await storeRun(in: .id(campaignID), sourceName: sourceName, batches: batches, createdBy: createdBy, at: now)
    }

    /// Like ``storeRun(campaignID:sourceName:batches:createdBy:at:)`` for a province-level campaign named `campaign`,
    /// created in the same transaction when it does not exist: a run that fails leaves no empty campaign behind.
    @discardableResult
    public func storeRun(
        campaignNamed campaign: String, sourceName: String, batches: AsyncThrowingStream<[FindingInput], any Error>, createdBy: String,
        at now: Date = Date()
    ) async throws -> String {
        try await storeRun(in: .named(try Self.campaignName(campaign)), sourceName: sourceName, batches: batches, createdBy: createdBy, at: now)
    }

    private enum RunCampaign: Sendable {
        case id(String)
        case named(String)
    }

    private func storeRun(
        in target: RunCampaign, sourceName: String, batches: AsyncThrowingStream<[FindingInput], any Error>, createdBy: String, at now: Date
    ) async throws -> String {
        let runID = UUID().lowercasedText
        let started = Atomic<Bool>(false)
        try await store.withWriteConnection { database in
            // The write queue reruns a batch of writes when one of them fails; the stream cannot be read twice.
            guard !started.exchange(true, ordering: .relaxed) else { throw WorklistError.runStreamNotRepeatable }
            let campaignID: String
            switch target {
            case .id(let id):
                guard try await database.raw("SELECT id FROM campaigns WHERE id = \(bind: id)").first() != nil else {
                    throw WorklistError.campaignNotFound
                }
                campaignID = id
            case .named(let name):
                campaignID = try await Self.campaign(named: name, description: nil, createdBy: createdBy, agencyID: nil, at: now, on: database).id
            }
            try await database.raw(
                """
                INSERT INTO reconciliation_runs (id, campaign_id, source_name, created_by, created_at, findings_stored) \
                VALUES (\(bind: runID), \(bind: campaignID), \(bind: sourceName), \(bind: createdBy), \(bind: DossierRow.ms(now)), 0)
                """
            ).run()
            let stored = try await database.withLargeCache {
                var stored = 0
                for try await findings in batches {
                    let rows = findings.lazy.map { finding -> [any Encodable & Sendable] in
                        [
                            runID + ":" + String(finding.sourceLine), runID, campaignID, finding.sourceRecordID, finding.sourceLine,
                            finding.kinds.first ?? "", finding.kinds.joined(separator: ","), finding.citizenID, finding.automatic ? 1 : 0,
                            finding.payload, "open", 1,
                        ]
                    }
                    try await database.insertRows(
                        into: "findings",
                        columns: ["id", "run_id", "campaign_id", "source_record_id", "source_line", "kind", "kinds", "citizen_id", "automatic", "payload", "status", "version"],
                        rows: rows)
                    stored += findings.count
                }
                return stored
            }
            try await database.raw("UPDATE reconciliation_runs SET findings_stored = \(bind: stored) WHERE id = \(bind: runID)").run()
        }
        return runID
    }

    // MARK: - Worklist

    /// A page of a campaign's findings, in source order within the run.
    public func findings(campaignID: String, status: FindingStatus?, kind: String?, after: String?, limit: Int) async throws -> [StoredFinding] {
        let limit = max(1, min(limit, 500))
        return try await store.read { database in
            var sql = SQLQueryString("SELECT * FROM findings WHERE campaign_id = \(bind: campaignID)")
            if let status {
                sql.appendInterpolation(unsafeRaw: " AND status = ")
                sql.appendInterpolation(bind: status.rawValue)
            }
            if let kind {
                sql.appendInterpolation(unsafeRaw: " AND kind = ")
                sql.appendInterpolation(bind: kind)
            }
            if let after {
                sql.appendInterpolation(unsafeRaw: " AND id > ")
                sql.appendInterpolation(bind: after)
            }
            sql.appendInterpolation(unsafeRaw: " ORDER BY id LIMIT \(limit)")
            return try await database.raw(sql).all().map(Self.finding)
        }
    }

    public func finding(id: String) async throws -> StoredFinding? {
        try await store.read { database in
            try await database.raw("SELECT * FROM findings WHERE id = \(bind: id)").first().map(Self.finding)
        }
    }

    /// Records a decision (appended to the finding's log) and sets the finding's state, under a version check.
    ///
    /// - Parameter registryUpdate: the change the accepted or edited correction makes to a national registry;
    ///   its request is queued in the registry outbox in the same transaction as the decision (two-way sharing).
    ///   Ignored for a rejection or a confirmation.
    public func decide(
        findingID: String, _ decision: FindingDecision, expectedVersion: Int, by actorID: String, at now: Date = Date(),
        registryUpdate: RegistryUpdate? = nil
    ) async throws -> StoredFinding {
        let (reason, correction): (String?, [String: String]?) =
            switch decision {
            case .accept(let note), .confirm(let note): (note, nil)
            case .reject(let reason): (reason, nil)
            case .edit(let correction, let note): (note, correction)
            }
        let correctionJSON = try correction.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        return try await store.write(lane: "worklist") { database in
            guard let row = try await database.raw("SELECT * FROM findings WHERE id = \(bind: findingID)").first() else {
                throw WorklistError.findingNotFound
            }
            let current = try Self.finding(row)
            guard current.version == expectedVersion else { throw WorklistError.staleVersion(current: current.version) }
            if case .confirm = decision {
                guard current.status == .accepted || current.status == .edited else { throw WorklistError.nothingToConfirm }
                guard current.decidedBy != actorID else { throw WorklistError.confirmationBySameSteward }
            }
            try await database.raw(
                """
                INSERT INTO finding_decisions (finding_id, seq, decision, reason, correction, actor_id, at) VALUES (\(bind: findingID), \
                \(bind: current.version), \(bind: decision.name), \(bind: reason), \(bind: correctionJSON), \(bind: actorID), \(bind: DossierRow.ms(now)))
                """
            ).run()
            // A confirmation only records the second steward; any other decision replaces the correction and
            // withdraws an earlier confirmation, so what is exported is always what two people agreed on.
            let updated: (any SQLRow)?
            if let status = decision.status {
                updated = try await database.raw(
                    """
                    UPDATE findings SET status = \(bind: status.rawValue), correction = \(bind: correctionJSON), \
                    decided_by = \(bind: actorID), decided_at = \(bind: DossierRow.ms(now)), confirmed_by = NULL, confirmed_at = NULL, \
                    version = version + 1 WHERE id = \(bind: findingID) AND version = \(bind: expectedVersion) RETURNING *
                    """
                ).first()
            } else {
                updated = try await database.raw(
                    """
                    UPDATE findings SET confirmed_by = \(bind: actorID), confirmed_at = \(bind: DossierRow.ms(now)), version = version + 1 \
                    WHERE id = \(bind: findingID) AND version = \(bind: expectedVersion) RETURNING *
                    """
                ).first()
            }
            guard let updated else { throw WorklistError.staleVersion(current: current.version + 1) }
            if let registryUpdate, decision.sendsCorrection {
                let agencyID = try await database.raw("SELECT agency_id FROM campaigns WHERE id = \(bind: current.campaignID)").first()
                    .map { try $0.decode(column: "agency_id", as: String?.self) } ?? nil
                try await SQLRegistryOutbox.enqueue(
                    registryUpdate, origin: .finding(id: findingID), agencyID: agencyID, requestedBy: actorID, at: now, on: database)
            }
            return try Self.finding(updated)
        }
    }

    /// The append-only log of decisions on a finding.
    public func decisions(findingID: String) async throws -> [FindingDecisionRecord] {
        try await store.read { database in
            try await database.raw("SELECT * FROM finding_decisions WHERE finding_id = \(bind: findingID) ORDER BY seq").all().map { row in
                FindingDecisionRecord(
                    findingID: try row.decode(column: "finding_id", as: String.self), sequence: try row.decode(column: "seq", as: Int.self),
                    decision: try row.decode(column: "decision", as: String.self), reason: try row.decode(column: "reason", as: String?.self),
                    correction: try Self.correction(try row.decode(column: "correction", as: String?.self)),
                    actorID: try row.decode(column: "actor_id", as: String.self),
                    at: DossierRow.date(try row.decode(column: "at", as: Int.self))!)
            }
        }
    }

    /// Accepted and edited findings of a campaign that a second steward confirmed, for the corrections export,
    /// in a stable order.
    public func corrections(campaignID: String) async throws -> [StoredFinding] {
        try await store.read { database in
            try await database.raw(
                """
                SELECT * FROM findings WHERE campaign_id = \(bind: campaignID) AND status IN ('accepted', 'edited') \
                AND confirmed_by IS NOT NULL ORDER BY id
                """
            ).all().map(Self.finding)
        }
    }

    // MARK: - Rows

    static func campaign(_ row: any SQLRow) throws -> Campaign {
        Campaign(
            id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self),
            description: try row.decode(column: "description", as: String?.self),
            createdBy: try row.decode(column: "created_by", as: String.self),
            createdAt: DossierRow.date(try row.decode(column: "created_at", as: Int.self))!,
            agencyID: try row.decode(column: "agency_id", as: String?.self))
    }

    static func finding(_ row: any SQLRow) throws -> StoredFinding {
        guard let status = FindingStatus(rawValue: try row.decode(column: "status", as: String.self)) else {
            throw StoredDataError("finding row has an unknown status")
        }
        return StoredFinding(
            id: try row.decode(column: "id", as: String.self), runID: try row.decode(column: "run_id", as: String.self),
            campaignID: try row.decode(column: "campaign_id", as: String.self),
            sourceRecordID: try row.decode(column: "source_record_id", as: String.self),
            sourceLine: try row.decode(column: "source_line", as: Int.self), kind: try row.decode(column: "kind", as: String.self),
            kinds: try row.decode(column: "kinds", as: String.self).split(separator: ",").map(String.init),
            citizenID: try row.decode(column: "citizen_id", as: String?.self), automatic: try row.decode(column: "automatic", as: Int.self) != 0,
            payload: try row.decode(column: "payload", as: String.self), status: status,
            correction: try correction(try row.decode(column: "correction", as: String?.self)),
            decidedBy: try row.decode(column: "decided_by", as: String?.self),
            decidedAt: DossierRow.date(try row.decode(column: "decided_at", as: Int?.self)),
            confirmedBy: try row.decode(column: "confirmed_by", as: String?.self),
            confirmedAt: DossierRow.date(try row.decode(column: "confirmed_at", as: Int?.self)),
            version: try row.decode(column: "version", as: Int.self))
    }

    static func correction(_ json: String?) throws -> [String: String]? {
        try json.map { try JSONDecoder().decode([String: String].self, from: Data($0.utf8)) }
    }
}
