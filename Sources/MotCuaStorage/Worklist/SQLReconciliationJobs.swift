import Foundation
import MotCuaDomain
import SQLKit

/// Reconciliation jobs and their staged findings, for SQLite and PostgreSQL.
///
/// A job's findings stream into `reconciliation_job_findings` in batches while the engine runs; ``publish``
/// moves them into the campaign's worklist and marks the job succeeded in one transaction, so a campaign shows
/// all of a run's findings or none. Every other end (cancelled, failed, interrupted) removes the staged rows.
public struct SQLReconciliationJobs: Sendable {
    let store: any SQLStore

    public init(store: any SQLStore) {
        self.store = store
    }

    static let activeStates = "('queued', 'running', 'cancelling')"

    // MARK: - Starting, cancelling, resuming

    /// Queues a job; `campaignBusy` when the campaign already has a queued or running one.
    public func create(campaignID: String, inputs: ReconciliationJobInputs, createdBy: String, at now: Date) async throws -> ReconciliationJob {
        let id = UUID().lowercasedText
        let ms = DossierRow.ms(now)
        return try await store.write(lane: "worklist") { database in
            guard try await database.raw("SELECT id FROM campaigns WHERE id = \(bind: campaignID)").first() != nil else {
                throw WorklistError.campaignNotFound
            }
            if let active = try await Self.activeJobID(campaignID: campaignID, on: database) {
                throw ReconciliationJobError.campaignBusy(jobID: active)
            }
            // The partial unique index is the guard between processes: a concurrent start inserts nothing.
            let inserted = try await database.raw(
                """
                INSERT INTO reconciliation_jobs (id, campaign_id, register_file, source_file, register_mapping, source_mapping, state, \
                processed, matched, staged, attempts, created_by, created_at, updated_at) VALUES (\(bind: id), \(bind: campaignID), \
                \(bind: inputs.register), \(bind: inputs.source), \(bind: inputs.registerMapping), \(bind: inputs.sourceMapping), 'queued', \
                0, 0, 0, 0, \(bind: createdBy), \(bind: ms), \(bind: ms)) ON CONFLICT DO NOTHING RETURNING *
                """
            ).first()
            guard let inserted else { throw ReconciliationJobError.campaignBusy(jobID: "") }
            return try Self.job(inserted)
        }
    }

    /// Asks a job to stop: a queued job is cancelled at once, a running one becomes `cancelling` until the
    /// engine stops. Asking again while it is cancelling or cancelled changes nothing; a finished job is refused.
    public func cancel(id: String, at now: Date) async throws -> ReconciliationJob {
        let ms = DossierRow.ms(now)!
        return try await store.write(lane: "worklist") { database in
            let job = try await Self.job(id: id, on: database)
            switch job.state {
            case .queued:
                return try await Self.update(
                    "state = 'cancelled', finished_at = \(ms), updated_at = \(ms)", id: id, from: .queued, on: database)
            case .running:
                return try await Self.update("state = 'cancelling', updated_at = \(ms)", id: id, from: .running, on: database)
            case .cancelling, .cancelled:
                return job
            case .failed, .interrupted, .succeeded:
                throw ReconciliationJobError.wrongState(job.state)
            }
        }
    }

    /// Queues a cancelled, failed or interrupted job again with the same inputs.
    public func resume(id: String, by actor: String, at now: Date) async throws -> ReconciliationJob {
        let ms = DossierRow.ms(now)
        return try await store.write(lane: "worklist") { database in
            let job = try await Self.job(id: id, on: database)
            guard job.state.isResumable else { throw ReconciliationJobError.wrongState(job.state) }
            if let active = try await Self.activeJobID(campaignID: job.campaignID, on: database) {
                throw ReconciliationJobError.campaignBusy(jobID: active)
            }
            guard
                let row = try await database.raw(
                    """
                    UPDATE reconciliation_jobs SET state = 'queued', reason = NULL, \(unsafeRaw: Self.resetProgress), \
                    resumed_by = \(bind: actor), finished_at = NULL, updated_at = \(bind: ms) \
                    WHERE id = \(bind: id) AND state = \(bind: job.state.rawValue) RETURNING *
                    """
                ).first()
            else { throw ReconciliationJobError.wrongState(try await Self.job(id: id, on: database).state) }
            return try Self.job(row)
        }
    }

    // MARK: - Reading

    public func job(id: String) async throws -> ReconciliationJob? {
        try await store.read { database in
            try await database.raw("SELECT * FROM reconciliation_jobs WHERE id = \(bind: id)").first().map(Self.job)
        }
    }

    /// A campaign's jobs, newest first.
    public func jobs(campaignID: String, limit: Int = 100) async throws -> [ReconciliationJob] {
        let limit = max(1, min(limit, 500))
        return try await store.read { database in
            try await database.raw(
                """
                SELECT * FROM reconciliation_jobs WHERE campaign_id = \(bind: campaignID) \
                ORDER BY created_at DESC, id DESC LIMIT \(unsafeRaw: String(limit))
                """
            ).all().map(Self.job)
        }
    }

    // MARK: - The worker's side

    /// Takes the oldest queued job, marks it running and clears what an earlier attempt may have staged.
    public func claimNext(at now: Date) async throws -> ReconciliationJob? {
        let ms = DossierRow.ms(now)
        // Polled every few seconds: an idle queue costs a read, not a write transaction.
        guard try await store.read({ try await $0.raw("SELECT id FROM reconciliation_jobs WHERE state = 'queued' LIMIT 1").first() }) != nil
        else { return nil }
        return try await store.withWriteConnection { database in
            guard
                let next = try await database.raw(
                    "SELECT id FROM reconciliation_jobs WHERE state = 'queued' ORDER BY created_at, id LIMIT 1"
                ).first()
            else { return nil }
            let id = try next.decode(column: "id", as: String.self)
            try await database.raw("DELETE FROM reconciliation_job_findings WHERE job_id = \(bind: id)").run()
            return try await database.raw(
                """
                UPDATE reconciliation_jobs SET state = 'running', attempts = attempts + 1, \(unsafeRaw: Self.resetProgress), \
                started_at = \(bind: ms), updated_at = \(bind: ms) WHERE id = \(bind: id) AND state = 'queued' RETURNING *
                """
            ).first().map(Self.job)
        }
    }

    /// Records progress; false when the job is no longer running (a cancel was asked for, or another process
    /// declared it interrupted), which tells the worker to stop.
    public func heartbeat(id: String, progress: ReconciliationJobProgress, at now: Date) async throws -> Bool {
        try await store.write(lane: "reconciliation-jobs") { database in
            try await database.raw(
                """
                UPDATE reconciliation_jobs SET phase = \(bind: progress.phase), processed = \(bind: progress.processed), \
                total = \(bind: progress.total), matched = \(bind: progress.matched), rate = \(bind: progress.rate), \
                remaining = \(bind: progress.remaining), elapsed = \(bind: progress.elapsed), staged = \(bind: progress.staged), \
                updated_at = \(bind: DossierRow.ms(now)) WHERE id = \(bind: id) AND state = 'running' RETURNING id
                """
            ).first() != nil
        }
    }

    /// Appends a batch of a running job's findings to its staging rows (invisible to the worklist).
    public func stage(jobID: String, findings: [FindingInput]) async throws {
        guard !findings.isEmpty else { return }
        try await store.withWriteConnection { database in
            let rows = findings.lazy.map { finding -> [any Encodable & Sendable] in
                [
                    jobID, finding.sourceLine, finding.sourceRecordID, finding.kinds.first ?? "", finding.kinds.joined(separator: ","),
                    finding.citizenID, finding.automatic ? 1 : 0, finding.payload,
                ]
            }
            try await database.insertRows(
                into: "reconciliation_job_findings",
                columns: ["job_id", "source_line", "source_record_id", "kind", "kinds", "citizen_id", "automatic", "payload"], rows: rows)
        }
    }

    /// Publishes a running job's staged findings as a run of its campaign and marks it succeeded, in one
    /// transaction; `wrongState` (and nothing published) when a cancel came first.
    public func publish(
        id: String, sourceName: String, registerRows: Int, sourceRows: Int, kinds: [String: Int], at now: Date
    ) async throws -> ReconciliationJob {
        let runID = UUID().lowercasedText
        let ms = DossierRow.ms(now)
        let kindsJSON = String(decoding: try JSONEncoder().encode(kinds), as: UTF8.self)
        return try await store.withWriteConnection { database in
            // Taking the row first serialises a concurrent cancel behind this transaction (PostgreSQL row lock).
            guard
                let row = try await database.raw(
                    "UPDATE reconciliation_jobs SET updated_at = \(bind: ms) WHERE id = \(bind: id) AND state = 'running' RETURNING *"
                ).first()
            else { throw ReconciliationJobError.wrongState(try await Self.job(id: id, on: database).state) }
            let job = try Self.job(row)
            let counted = try await database.raw(
                "SELECT COUNT(*) AS n FROM reconciliation_job_findings WHERE job_id = \(bind: id)"
            ).first()?.decode(column: "n", as: Int.self) ?? 0
            try await database.raw(
                """
                INSERT INTO reconciliation_runs (id, campaign_id, source_name, created_by, created_at, findings_stored) \
                VALUES (\(bind: runID), \(bind: job.campaignID), \(bind: sourceName), \(bind: job.resumedBy ?? job.createdBy), \
                \(bind: ms), \(bind: counted))
                """
            ).run()
            try await database.raw(
                """
                INSERT INTO findings (id, run_id, campaign_id, source_record_id, source_line, kind, kinds, citizen_id, automatic, \
                payload, status, version) SELECT \(bind: runID + ":") || CAST(source_line AS TEXT), \(bind: runID), \
                \(bind: job.campaignID), source_record_id, source_line, kind, kinds, citizen_id, automatic, payload, 'open', 1 \
                FROM reconciliation_job_findings WHERE job_id = \(bind: id)
                """
            ).run()
            try await database.raw("DELETE FROM reconciliation_job_findings WHERE job_id = \(bind: id)").run()
            guard
                let done = try await database.raw(
                    """
                    UPDATE reconciliation_jobs SET state = 'succeeded', run_id = \(bind: runID), register_rows = \(bind: registerRows), \
                    source_rows = \(bind: sourceRows), findings_stored = \(bind: counted), kinds = \(bind: kindsJSON), staged = 0, \
                    phase = 'done', remaining = NULL, finished_at = \(bind: ms), updated_at = \(bind: ms) \
                    WHERE id = \(bind: id) AND state = 'running' RETURNING *
                    """
                ).first()
            else { throw ReconciliationJobError.wrongState(try await Self.job(id: id, on: database).state) }
            return try Self.job(done)
        }
    }

    /// Ends a job that did not publish and removes its staged findings. A job being cancelled ends cancelled
    /// whatever stopped it; `state` applies otherwise.
    @discardableResult
    public func finish(id: String, as state: ReconciliationJobState, reason: String?, at now: Date) async throws -> ReconciliationJob? {
        precondition(state == .cancelled || state == .failed || state == .interrupted)
        let ms = DossierRow.ms(now)
        return try await store.withWriteConnection { database in
            try await database.raw("DELETE FROM reconciliation_job_findings WHERE job_id = \(bind: id)").run()
            return try await database.raw(
                """
                UPDATE reconciliation_jobs SET state = CASE WHEN state = 'cancelling' THEN 'cancelled' ELSE \(bind: state.rawValue) END, \
                reason = CASE WHEN state = 'cancelling' THEN NULL ELSE \(bind: reason) END, staged = 0, remaining = NULL, \
                finished_at = \(bind: ms), updated_at = \(bind: ms) WHERE id = \(bind: id) AND state IN ('running', 'cancelling') RETURNING *
                """
            ).first().map(Self.job)
        }
    }

    /// Jobs whose worker stopped answering (no heartbeat since `cutoff`: the process stopped or crashed): a
    /// running one becomes interrupted (resumable), one being cancelled becomes cancelled; staged rows go.
    /// Returns how many were swept.
    @discardableResult
    public func sweepAbandoned(heartbeatBefore cutoff: Date, at now: Date) async throws -> Int {
        let ms = DossierRow.ms(now)
        let cutoffMS = DossierRow.ms(cutoff)
        let staleSQL: SQLQueryString = """
            SELECT id FROM reconciliation_jobs WHERE state IN ('running', 'cancelling') AND updated_at < \(bind: cutoffMS)
            """
        // Polled every few seconds: nothing stale costs a read, not a write transaction.
        guard try await store.read({ try await $0.raw(staleSQL).first() }) != nil else { return 0 }
        return try await store.withWriteConnection { database in
            let stale = try await database.raw(staleSQL).all().map { try $0.decode(column: "id", as: String.self) }
            for id in stale {
                try await database.raw("DELETE FROM reconciliation_job_findings WHERE job_id = \(bind: id)").run()
                try await database.raw(
                    """
                    UPDATE reconciliation_jobs SET \
                    state = CASE WHEN state = 'cancelling' THEN 'cancelled' ELSE 'interrupted' END, \
                    reason = CASE WHEN state = 'cancelling' THEN NULL \
                    ELSE 'Tiến trình dừng khi đang chạy / the server stopped while the job ran' END, \
                    staged = 0, remaining = NULL, finished_at = \(bind: ms), updated_at = \(bind: ms) \
                    WHERE id = \(bind: id) AND state IN ('running', 'cancelling')
                    """
                ).run()
            }
            return stale.count
        }
    }

    /// Staged rows of a job (tests and diagnostics: a finished job has none).
    public func stagedCount(jobID: String) async throws -> Int {
        try await store.read { database in
            try await database.raw("SELECT COUNT(*) AS n FROM reconciliation_job_findings WHERE job_id = \(bind: jobID)").first()?
                .decode(column: "n", as: Int.self) ?? 0
        }
    }

    // MARK: - Rows

    static let resetProgress =
        "phase = NULL, processed = 0, total = NULL, matched = 0, rate = NULL, remaining = NULL, elapsed = NULL, staged = 0, "
        + "run_id = NULL, register_rows = NULL, source_rows = NULL, findings_stored = NULL, kinds = NULL"

    static func activeJobID(campaignID: String, on database: any SQLDatabase) async throws -> String? {
        try await database.raw(
            """
            SELECT id FROM reconciliation_jobs WHERE campaign_id = \(bind: campaignID) AND state IN \(unsafeRaw: activeStates) LIMIT 1
            """
        ).first()?.decode(column: "id", as: String.self)
    }

    static func job(id: String, on database: any SQLDatabase) async throws -> ReconciliationJob {
        guard let row = try await database.raw("SELECT * FROM reconciliation_jobs WHERE id = \(bind: id)").first() else {
            throw ReconciliationJobError.jobNotFound
        }
        return try job(row)
    }

    /// `assignments` holds only literals built here (states and millisecond times), never input.
    static func update(
        _ assignments: String, id: String, from state: ReconciliationJobState, on database: any SQLDatabase
    ) async throws -> ReconciliationJob {
        guard
            let row = try await database.raw(
                """
                UPDATE reconciliation_jobs SET \(unsafeRaw: assignments) WHERE id = \(bind: id) AND state = \(bind: state.rawValue) RETURNING *
                """
            ).first()
        else { throw ReconciliationJobError.wrongState(try await job(id: id, on: database).state) }
        return try job(row)
    }

    static func job(_ row: any SQLRow) throws -> ReconciliationJob {
        guard let state = ReconciliationJobState(rawValue: try row.decode(column: "state", as: String.self)) else {
            throw StoredDataError("reconciliation job row has an unknown state")
        }
        let runID = try row.decode(column: "run_id", as: String?.self)
        var outcome: ReconciliationJobOutcome?
        if let runID, state == .succeeded {
            let kindsText = try row.decode(column: "kinds", as: String?.self) ?? "{}"
            outcome = ReconciliationJobOutcome(
                runID: runID, registerRows: try row.decode(column: "register_rows", as: Int?.self) ?? 0,
                sourceRows: try row.decode(column: "source_rows", as: Int?.self) ?? 0,
                findingsStored: try row.decode(column: "findings_stored", as: Int?.self) ?? 0,
                kinds: try JSONDecoder().decode([String: Int].self, from: Data(kindsText.utf8)))
        }
        return ReconciliationJob(
            id: try row.decode(column: "id", as: String.self), campaignID: try row.decode(column: "campaign_id", as: String.self),
            inputs: ReconciliationJobInputs(
                register: try row.decode(column: "register_file", as: String.self), source: try row.decode(column: "source_file", as: String.self),
                registerMapping: try row.decode(column: "register_mapping", as: String?.self),
                sourceMapping: try row.decode(column: "source_mapping", as: String?.self)),
            state: state, reason: try row.decode(column: "reason", as: String?.self),
            progress: ReconciliationJobProgress(
                phase: try row.decode(column: "phase", as: String?.self), processed: try row.decode(column: "processed", as: Int.self),
                total: try row.decode(column: "total", as: Int?.self), matched: try row.decode(column: "matched", as: Int.self),
                rate: try row.decode(column: "rate", as: Double?.self), remaining: try row.decode(column: "remaining", as: Double?.self),
                elapsed: try row.decode(column: "elapsed", as: Double?.self), staged: try row.decode(column: "staged", as: Int.self)),
            outcome: outcome, attempts: try row.decode(column: "attempts", as: Int.self),
            createdBy: try row.decode(column: "created_by", as: String.self),
            createdAt: DossierRow.date(try row.decode(column: "created_at", as: Int.self))!,
            resumedBy: try row.decode(column: "resumed_by", as: String?.self),
            startedAt: DossierRow.date(try row.decode(column: "started_at", as: Int?.self)),
            updatedAt: DossierRow.date(try row.decode(column: "updated_at", as: Int.self))!,
            finishedAt: DossierRow.date(try row.decode(column: "finished_at", as: Int?.self)))
    }
}
