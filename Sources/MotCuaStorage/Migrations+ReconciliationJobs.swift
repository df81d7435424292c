extension Migrations {
    /// Reconciliation runs as background jobs: one row per job (inputs, state, progress, outcome) and the staging
    /// table its findings stream into while it runs, published to `findings` in one transaction at the end.
    static let reconciliationJobs = Migration(
        "2026-11-30-930-reconciliation-jobs",
        [
            """
            CREATE TABLE reconciliation_jobs (
                id TEXT PRIMARY KEY,
                campaign_id TEXT NOT NULL,
                register_file TEXT NOT NULL,
                source_file TEXT NOT NULL,
                register_mapping TEXT,
                source_mapping TEXT,
                state TEXT NOT NULL
                    CHECK (state IN ('queued', 'running', 'cancelling', 'cancelled', 'failed', 'interrupted', 'succeeded')),
                reason TEXT,
                phase TEXT,
                processed BIGINT NOT NULL,
                total BIGINT,
                matched BIGINT NOT NULL,
                rate DOUBLE PRECISION,
                remaining DOUBLE PRECISION,
                elapsed DOUBLE PRECISION,
                staged BIGINT NOT NULL,
                attempts BIGINT NOT NULL,
                run_id TEXT,
                register_rows BIGINT,
                source_rows BIGINT,
                findings_stored BIGINT,
                kinds TEXT,
                created_by TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                resumed_by TEXT,
                started_at BIGINT,
                updated_at BIGINT NOT NULL,
                finished_at BIGINT
            )
            """,
            "CREATE INDEX reconciliation_jobs_campaign ON reconciliation_jobs (campaign_id, created_at)",
            "CREATE INDEX reconciliation_jobs_state ON reconciliation_jobs (state, created_at)",
            // At most one queued or running job per campaign: a second start is refused, also between processes.
            """
            CREATE UNIQUE INDEX reconciliation_jobs_one_active ON reconciliation_jobs (campaign_id) \
            WHERE state IN ('queued', 'running', 'cancelling')
            """,
            """
            CREATE TABLE reconciliation_job_findings (
                job_id TEXT NOT NULL,
                source_line BIGINT NOT NULL,
                source_record_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                kinds TEXT NOT NULL,
                citizen_id TEXT,
                automatic BIGINT NOT NULL,
                payload TEXT NOT NULL,
                PRIMARY KEY (job_id, source_line)
            )
            """,
        ])
}
