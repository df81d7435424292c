/// Every schema step, in order. Append only.
///
/// Timestamps are BIGINT milliseconds since 1970 and flags BIGINT 0/1, so one set of statements and one
/// repository implementation serve SQLite and PostgreSQL alike.
enum Migrations {
    static let all: [Migration] = [
        Migration(
            "2026-11-25-001-settings-and-officials",
            [
                "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                """
                CREATE TABLE officials (
                    id TEXT PRIMARY KEY,
                    username TEXT NOT NULL UNIQUE,
                    full_name TEXT NOT NULL,
                    role TEXT NOT NULL,
                    agency_id TEXT NOT NULL,
                    password_hash TEXT NOT NULL,
                    failed_attempts BIGINT NOT NULL DEFAULT 0,
                    locked_until BIGINT,
                    active BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX officials_agency ON officials (agency_id, role)",
            ]),
        Migration(
            "2026-11-25-002-dossiers",
            [
                """
                CREATE TABLE dossier_sequences (
                    agency_identifier TEXT NOT NULL,
                    day TEXT NOT NULL,
                    last_value BIGINT NOT NULL,
                    PRIMARY KEY (agency_identifier, day)
                )
                """,
                """
                CREATE TABLE dossiers (
                    id TEXT PRIMARY KEY,
                    code TEXT NOT NULL UNIQUE,
                    procedure_code TEXT NOT NULL,
                    agency_id TEXT NOT NULL,
                    receiving_agency_id TEXT NOT NULL,
                    applicant_id TEXT NOT NULL,
                    applicant_name TEXT NOT NULL,
                    channel TEXT NOT NULL,
                    status BIGINT NOT NULL,
                    step TEXT NOT NULL,
                    outcome TEXT,
                    handler_id TEXT,
                    submitted_at BIGINT NOT NULL,
                    received_at BIGINT,
                    due_at BIGINT,
                    finished_at BIGINT,
                    returned_at BIGINT,
                    paused_at BIGINT,
                    paused_remaining_minutes BIGINT,
                    supplement_requests BIGINT NOT NULL,
                    counts_as_late BIGINT NOT NULL,
                    extensions BIGINT NOT NULL,
                    version BIGINT NOT NULL,
                    history_head TEXT NOT NULL,
                    details TEXT NOT NULL
                )
                """,
                // Workqueues page by (submitted_at, id) inside one agency and status.
                "CREATE INDEX dossiers_agency_queue ON dossiers (agency_id, status, submitted_at, id)",
                "CREATE INDEX dossiers_receiving_queue ON dossiers (receiving_agency_id, status, submitted_at, id)",
                "CREATE INDEX dossiers_handler_queue ON dossiers (handler_id, status, submitted_at, id)",
                "CREATE INDEX dossiers_applicant ON dossiers (applicant_id, submitted_at)",
                "CREATE INDEX dossiers_agency_due ON dossiers (agency_id, due_at)",
                """
                CREATE TABLE dossier_history (
                    dossier_id TEXT NOT NULL,
                    seq BIGINT NOT NULL,
                    action TEXT NOT NULL,
                    actor_id TEXT NOT NULL,
                    actor_role TEXT NOT NULL,
                    actor_agency_id TEXT,
                    at BIGINT NOT NULL,
                    status_before BIGINT,
                    status_after BIGINT NOT NULL,
                    step_before TEXT,
                    step_after TEXT NOT NULL,
                    note TEXT,
                    previous_hash TEXT NOT NULL,
                    hash TEXT NOT NULL,
                    PRIMARY KEY (dossier_id, seq)
                )
                """,
                """
                CREATE TABLE idempotency_keys (
                    scope TEXT NOT NULL,
                    idem_key TEXT NOT NULL,
                    request_hash TEXT NOT NULL,
                    status_code BIGINT NOT NULL,
                    response TEXT NOT NULL,
                    created_at BIGINT NOT NULL,
                    PRIMARY KEY (scope, idem_key)
                )
                """,
            ],
            // History is append-only at the engine level too, not just by convention in the code.
            sqliteOnly: [
                """
                CREATE TRIGGER dossier_history_no_update BEFORE UPDATE ON dossier_history
                BEGIN SELECT RAISE(ABORT, 'dossier_history is append-only'); END
                """,
                """
                CREATE TRIGGER dossier_history_no_delete BEFORE DELETE ON dossier_history
                BEGIN SELECT RAISE(ABORT, 'dossier_history is append-only'); END
                """,
            ],
            postgresOnly: [
                """
                CREATE FUNCTION dossier_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'dossier_history is append-only'; END $$
                """,
                """
                CREATE TRIGGER dossier_history_no_change BEFORE UPDATE OR DELETE ON dossier_history
                FOR EACH ROW EXECUTE FUNCTION dossier_history_append_only()
                """,
            ]),
        Migration(
            "2026-11-25-003-data-cleaning-worklist",
            [
                """
                CREATE TABLE campaigns (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    description TEXT,
                    created_by TEXT NOT NULL,
                    created_at BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE reconciliation_runs (
                    id TEXT PRIMARY KEY,
                    campaign_id TEXT NOT NULL,
                    source_name TEXT NOT NULL,
                    created_by TEXT NOT NULL,
                    created_at BIGINT NOT NULL,
                    findings_stored BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE findings (
                    id TEXT PRIMARY KEY,
                    run_id TEXT NOT NULL,
                    campaign_id TEXT NOT NULL,
                    source_record_id TEXT NOT NULL,
                    source_line BIGINT NOT NULL,
                    kind TEXT NOT NULL,
                    kinds TEXT NOT NULL,
                    citizen_id TEXT,
                    automatic BIGINT NOT NULL,
                    payload TEXT NOT NULL,
                    status TEXT NOT NULL,
                    correction TEXT,
                    decided_by TEXT,
                    decided_at BIGINT,
                    version BIGINT NOT NULL
                )
                """,
                "CREATE INDEX findings_worklist ON findings (campaign_id, status, kind, id)",
                """
                CREATE TABLE finding_decisions (
                    finding_id TEXT NOT NULL,
                    seq BIGINT NOT NULL,
                    decision TEXT NOT NULL,
                    reason TEXT,
                    correction TEXT,
                    actor_id TEXT NOT NULL,
                    at BIGINT NOT NULL,
                    PRIMARY KEY (finding_id, seq)
                )
                """,
            ],
            sqliteOnly: [
                """
                CREATE TRIGGER finding_decisions_no_update BEFORE UPDATE ON finding_decisions
                BEGIN SELECT RAISE(ABORT, 'finding_decisions is append-only'); END
                """,
                """
                CREATE TRIGGER finding_decisions_no_delete BEFORE DELETE ON finding_decisions
                BEGIN SELECT RAISE(ABORT, 'finding_decisions is append-only'); END
                """,
            ],
            postgresOnly: [
                """
                CREATE FUNCTION finding_decisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'finding_decisions is append-only'; END $$
                """,
                """
                CREATE TRIGGER finding_decisions_no_change BEFORE UPDATE OR DELETE ON finding_decisions
                FOR EACH ROW EXECUTE FUNCTION finding_decisions_append_only()
                """,
            ]),
        Migration(
            "2026-11-26-004-registry-access-log-and-verifications",
            [
                // Every look-up at a person's national data: who, for which agency, when, which database and
                // fields, for which purpose, and what came of it. The person reads their own rows.
                """
                CREATE TABLE registry_access_log (
                    id TEXT PRIMARY KEY,
                    at BIGINT NOT NULL,
                    subject_id TEXT NOT NULL,
                    registry TEXT NOT NULL,
                    fields TEXT NOT NULL,
                    actor_kind TEXT NOT NULL,
                    actor_id TEXT NOT NULL,
                    agency_id TEXT,
                    purpose_kind TEXT NOT NULL,
                    purpose_ref TEXT NOT NULL,
                    request_id TEXT NOT NULL,
                    outcome TEXT NOT NULL
                )
                """,
                "CREATE INDEX registry_access_subject ON registry_access_log (subject_id, at)",
                "CREATE INDEX registry_access_agency ON registry_access_log (agency_id, at)",
                "CREATE INDEX registry_access_at ON registry_access_log (at)",
                // Dossiers whose components still wait for a national database, and when to ask again.
                """
                CREATE TABLE registry_verifications (
                    dossier_id TEXT PRIMARY KEY,
                    dossier_code TEXT NOT NULL,
                    requested_by TEXT NOT NULL,
                    attempts BIGINT NOT NULL,
                    next_attempt_at BIGINT NOT NULL,
                    last_error TEXT
                )
                """,
                "CREATE INDEX registry_verifications_due ON registry_verifications (next_attempt_at)",
            ],
            sqliteOnly: [
                """
                CREATE TRIGGER registry_access_log_no_update BEFORE UPDATE ON registry_access_log
                BEGIN SELECT RAISE(ABORT, 'registry_access_log is append-only'); END
                """,
                """
                CREATE TRIGGER registry_access_log_no_delete BEFORE DELETE ON registry_access_log
                BEGIN SELECT RAISE(ABORT, 'registry_access_log is append-only'); END
                """,
            ],
            postgresOnly: [
                """
                CREATE FUNCTION registry_access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'registry_access_log is append-only'; END $$
                """,
                """
                CREATE TRIGGER registry_access_log_no_change BEFORE UPDATE OR DELETE ON registry_access_log
                FOR EACH ROW EXECUTE FUNCTION registry_access_log_append_only()
                """,
            ]),
        // Campaigns belong to an agency (its stewards see and decide them); existing ones go to their
        // creator's agency, and those created from the command line stay province-level (NULL).
        Migration(
            "2026-11-30-001-campaign-agency",
            [
                "ALTER TABLE campaigns ADD COLUMN agency_id TEXT",
                "UPDATE campaigns SET agency_id = (SELECT officials.agency_id FROM officials WHERE officials.id = campaigns.created_by)",
            ]),
        // Four eyes on corrections: a second steward confirms an accepted or edited finding before it is exported.
        Migration(
            "2026-11-30-002-finding-confirmation",
            ["ALTER TABLE findings ADD COLUMN confirmed_by TEXT", "ALTER TABLE findings ADD COLUMN confirmed_at BIGINT"]),
        Migration(
            "2026-11-30-003-provisional-due-dates",
            [
                // Set when a promised date was computed without the civil-service notice of a year it spans;
                // such dossiers are recomputed at start-up once the notice is loaded.
                "ALTER TABLE dossiers ADD COLUMN due_provisional BIGINT NOT NULL DEFAULT 0",
                "CREATE INDEX dossiers_due_provisional ON dossiers (due_provisional)",
                // Before this release no calendar covered 2027, so an open dossier promised on or after
                // 1 Jan 2027 00:00 Vietnam time (1798736400000 ms) was promised provisionally.
                "UPDATE dossiers SET due_provisional = 1 WHERE due_at >= 1798736400000 AND status IN (2, 4, 5, 6)",
            ]),
        Migration(
            "2026-11-30-005-sessions-and-sealed-history",
            [
                // Server-side sessions behind the bearer tokens, so that sign-out, a disabled account or a
                // changed password ends them, and idle ones expire.
                """
                CREATE TABLE sessions (
                    id TEXT PRIMARY KEY,
                    subject_kind TEXT NOT NULL,
                    subject_id TEXT NOT NULL,
                    created_at BIGINT NOT NULL,
                    last_seen_at BIGINT NOT NULL,
                    expires_at BIGINT NOT NULL,
                    revoked_at BIGINT
                )
                """,
                "CREATE INDEX sessions_subject ON sessions (subject_kind, subject_id)",
                // The keyed seal of each history entry (HMAC with a key kept outside the database).
                "ALTER TABLE dossier_history ADD COLUMN seal TEXT",
                // Heads of chains written before the history key existed, sealed once with it.
                """
                CREATE TABLE history_anchors (
                    dossier_id TEXT NOT NULL,
                    seq BIGINT NOT NULL,
                    hash TEXT NOT NULL,
                    seal TEXT NOT NULL,
                    at BIGINT NOT NULL,
                    PRIMARY KEY (dossier_id, seq)
                )
                """,
                // Token keys now come from files outside the database: a backup must not be a master key.
                "DELETE FROM settings WHERE key = 'token-signing-key'",
                // A sign-in for an unknown, disabled or locked account writes here instead of to the account,
                // so that its transaction costs the same durable commit as a real attempt's (no timing oracle).
                "CREATE TABLE sign_in_decoy (id BIGINT PRIMARY KEY, attempts BIGINT NOT NULL)",
                "INSERT INTO sign_in_decoy (id, attempts) VALUES (1, 0)",
            ],
            sqliteOnly: appendOnly("history_anchors").sqlite,
            // TRUNCATE skips row triggers: the tables made append-only earlier get a statement trigger too.
            postgresOnly: appendOnly("history_anchors").postgres
                + ["dossier_history", "finding_decisions", "registry_access_log"].map(truncateGuard)),
        // Scanned components of dossiers: the content is in the blob store under its SHA-256; this is what it is,
        // which component of which dossier it belongs to, and who digitised it when.
        Migration(
            "2026-11-30-101-digitised-documents",
            [
                """
                CREATE TABLE digitised_documents (
                    id TEXT PRIMARY KEY,
                    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
                    media_type TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
                    size_bytes BIGINT NOT NULL CHECK (size_bytes > 0),
                    pages BIGINT NOT NULL CHECK (pages > 0),
                    width BIGINT,
                    height BIGINT,
                    dossier_code TEXT NOT NULL,
                    component_code TEXT NOT NULL,
                    digitised_by_kind TEXT NOT NULL CHECK (digitised_by_kind IN ('official', 'citizen')),
                    digitised_by TEXT NOT NULL,
                    digitised_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX digitised_documents_dossier ON digitised_documents (dossier_code, component_code, digitised_at)",
                // Which records use a blob, before one is ever removed.
                "CREATE INDEX digitised_documents_sha256 ON digitised_documents (sha256)",
            ]),
        // Electronic results: drafts prepared by the specialist, versions signed by the leader (the compact JWS is
        // the legal document; the columns beside it are for listing and verification), revocations and the
        // verification count. A signed row is never edited except to record its revocation or supersession.
        Migration(
            "2026-11-30-201-results",
            [
                """
                CREATE TABLE results (
                    id TEXT PRIMARY KEY,
                    dossier_code TEXT NOT NULL,
                    result_type TEXT NOT NULL,
                    agency_id TEXT NOT NULL,
                    version BIGINT NOT NULL CHECK (version >= 1),
                    supersedes TEXT,
                    superseded_by TEXT,
                    state TEXT NOT NULL CHECK (state IN ('draft', 'signed', 'revoked', 'superseded')),
                    fields TEXT NOT NULL,
                    prepared_by TEXT NOT NULL,
                    prepared_at BIGINT NOT NULL,
                    register_book TEXT,
                    register_number TEXT,
                    issued_on TEXT,
                    valid_until TEXT,
                    signer_id TEXT,
                    signer_name TEXT,
                    signer_title TEXT,
                    signed_at BIGINT,
                    certificate_serial TEXT,
                    jws TEXT,
                    holder_masked TEXT NOT NULL,
                    revoked_at BIGINT,
                    revocation_reason TEXT,
                    revoked_by TEXT,
                    delivered_at BIGINT,
                    paper_copy BIGINT NOT NULL DEFAULT 0,
                    verifications BIGINT NOT NULL DEFAULT 0,
                    CHECK (state = 'draft' OR (jws IS NOT NULL AND signed_at IS NOT NULL AND certificate_serial IS NOT NULL))
                )
                """,
                // One version number per dossier, so a version is never signed twice.
                "CREATE UNIQUE INDEX results_dossier_version ON results (dossier_code, version)",
                // A corrected version keeps its register entry; two results never share one.
                "CREATE UNIQUE INDEX results_register ON results (agency_id, register_book, register_number, version)",
                "CREATE INDEX results_agency_state ON results (agency_id, state, prepared_at)",
                "CREATE INDEX results_revoked ON results (revoked_at)",
                // Register numbers are allocated per agency and book inside the signing transaction.
                """
                CREATE TABLE result_register_counters (
                    agency_id TEXT NOT NULL,
                    register_book TEXT NOT NULL,
                    last_number BIGINT NOT NULL,
                    PRIMARY KEY (agency_id, register_book)
                )
                """,
                // Leaders' signing certificates; the private key is sealed with a key-encryption key kept in a
                // file outside the database, so a copy of the database cannot sign.
                """
                CREATE TABLE signing_credentials (
                    serial TEXT PRIMARY KEY,
                    official_id TEXT NOT NULL,
                    agency_id TEXT NOT NULL,
                    certificate_der TEXT NOT NULL,
                    sealed_key TEXT NOT NULL,
                    not_before BIGINT NOT NULL,
                    not_after BIGINT NOT NULL,
                    issued_at BIGINT NOT NULL,
                    revoked_at BIGINT,
                    revocation_reason BIGINT
                )
                """,
                "CREATE INDEX signing_credentials_official ON signing_credentials (official_id, not_after)",
            ]),
        // Anchors name the history key that sealed them, so a key can be rotated: the heads are anchored again
        // with the new key beside the old anchors (append-only), after which the old key can be dropped.
        Migration(
            "2026-11-30-401-keyed-history-anchors",
            [
                """
                CREATE TABLE history_key_anchors (
                    dossier_id TEXT NOT NULL,
                    seq BIGINT NOT NULL,
                    key_id TEXT NOT NULL,
                    hash TEXT NOT NULL,
                    seal TEXT NOT NULL,
                    at BIGINT NOT NULL,
                    PRIMARY KEY (dossier_id, seq, key_id)
                )
                """,
                // Anchors made before key identifiers existed keep their bare seal; any key of the ring checks it.
                "INSERT INTO history_key_anchors (dossier_id, seq, key_id, hash, seal, at) SELECT dossier_id, seq, '', hash, seal, at FROM history_anchors",
                "DROP TABLE history_anchors",
            ],
            sqliteOnly: appendOnly("history_key_anchors").sqlite,
            postgresOnly: ["DROP FUNCTION history_anchors_append_only()"] + appendOnly("history_key_anchors").postgres),
        // A citizen's shares of archive items (a link whose token is kept only as its SHA-256, or a grant to an
        // agency), and every opening through one, counted for the citizen beside the access-log entry.
        Migration(
            "2026-11-30-411-archive-shares",
            [
                """
                CREATE TABLE archive_shares (
                    id TEXT PRIMARY KEY,
                    subject_id TEXT NOT NULL,
                    item_kind TEXT NOT NULL,
                    item_id TEXT NOT NULL,
                    audience TEXT NOT NULL,
                    token_hash TEXT UNIQUE,
                    agency_id TEXT,
                    label TEXT,
                    created_at BIGINT NOT NULL,
                    expires_at BIGINT NOT NULL,
                    revoked_at BIGINT,
                    CHECK ((audience = 'link' AND token_hash IS NOT NULL AND agency_id IS NULL)
                        OR (audience = 'agency' AND agency_id IS NOT NULL AND token_hash IS NULL))
                )
                """,
                "CREATE INDEX archive_shares_subject ON archive_shares (subject_id, created_at)",
                "CREATE INDEX archive_shares_agency ON archive_shares (agency_id, expires_at)",
                """
                CREATE TABLE archive_share_accesses (
                    id TEXT PRIMARY KEY,
                    share_id TEXT NOT NULL,
                    at BIGINT NOT NULL,
                    action TEXT NOT NULL,
                    actor_id TEXT NOT NULL,
                    agency_id TEXT
                )
                """,
                "CREATE INDEX archive_share_accesses_share ON archive_share_accesses (share_id, at)",
            ],
            sqliteOnly: appendOnly("archive_share_accesses").sqlite,
            postgresOnly: appendOnly("archive_share_accesses").postgres),
        // The Decision 766 index aggregates the dossiers received in a period, per agency: a range scan on the
        // receipt time that carries the agency; and the registry look-ups made for a dossier (use of population data).
        Migration(
            "2026-11-30-501-index-aggregation",
            [
                "CREATE INDEX dossiers_index_received ON dossiers (received_at, agency_id)",
                "CREATE INDEX registry_access_purpose ON registry_access_log (purpose_kind, purpose_ref)",
            ]),
        dossierComponents,
        dossierComponentsClustered,
        // Legacy paper registers: a book's scanned pages (content in the blob store), one slot per entry that
        // officers type and a second officer verifies, then linked to the person; every step in an append-only log.
        Migration(
            "2026-11-30-601-legacy-registers",
            [
                """
                CREATE TABLE legacy_books (
                    id TEXT PRIMARY KEY,
                    agency_id TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('birth', 'marriage', 'death')),
                    book TEXT NOT NULL,
                    volume TEXT NOT NULL,
                    year BIGINT NOT NULL,
                    content_sha256 TEXT NOT NULL UNIQUE CHECK (length(content_sha256) = 64),
                    pages BIGINT NOT NULL CHECK (pages > 0),
                    entries BIGINT NOT NULL CHECK (entries > 0),
                    imported_by TEXT NOT NULL,
                    imported_at BIGINT NOT NULL,
                    UNIQUE (agency_id, kind, book, volume, year)
                )
                """,
                """
                CREATE TABLE legacy_pages (
                    book_id TEXT NOT NULL,
                    page_number BIGINT NOT NULL,
                    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
                    media_type TEXT NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png')),
                    size_bytes BIGINT NOT NULL,
                    width BIGINT,
                    height BIGINT,
                    entries BIGINT NOT NULL,
                    PRIMARY KEY (book_id, page_number)
                )
                """,
                """
                CREATE TABLE legacy_entries (
                    id TEXT PRIMARY KEY,
                    book_id TEXT NOT NULL,
                    agency_id TEXT NOT NULL,
                    page_number BIGINT NOT NULL,
                    entry_number BIGINT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('open', 'claimed', 'entered', 'returned', 'verified')),
                    version BIGINT NOT NULL,
                    claimed_by TEXT,
                    claimed_at BIGINT,
                    entered_by TEXT,
                    record TEXT,
                    return_reason TEXT,
                    verified_by TEXT,
                    link_state TEXT NOT NULL CHECK (link_state IN ('none', 'linked', 'review', 'rejected')),
                    citizen_id TEXT,
                    candidate_id TEXT,
                    score DOUBLE PRECISION,
                    UNIQUE (book_id, page_number, entry_number),
                    CHECK (state <> 'verified' OR (record IS NOT NULL AND verified_by IS NOT NULL AND verified_by <> entered_by))
                )
                """,
                // The queue takes the first open slot of an agency; progress counts per book and state.
                "CREATE INDEX legacy_entries_queue ON legacy_entries (agency_id, state, id)",
                "CREATE INDEX legacy_entries_book ON legacy_entries (book_id, state, link_state)",
                "CREATE INDEX legacy_entries_person ON legacy_entries (citizen_id)",
                """
                CREATE TABLE legacy_entry_history (
                    entry_id TEXT NOT NULL,
                    seq BIGINT NOT NULL,
                    action TEXT NOT NULL,
                    actor_id TEXT NOT NULL,
                    at BIGINT NOT NULL,
                    note TEXT,
                    PRIMARY KEY (entry_id, seq)
                )
                """,
            ],
            sqliteOnly: appendOnly("legacy_entry_history").sqlite,
            postgresOnly: appendOnly("legacy_entry_history").postgres),
        // Every receipt inserted a row into this index, though only the few dossiers with a provisional due date
        // (received before the next year's holidays were published) are ever looked up in it.
        Migration(
            "2026-11-30-901-provisional-due-partial-index",
            [
                "DROP INDEX dossiers_due_provisional",
                "CREATE INDEX dossiers_due_provisional_set ON dossiers (received_at, code) WHERE due_provisional = 1",
            ]),
        registryOutbox,
        indexCounters,
        satisfaction,
        reconciliationJobs,
        registryOutboxOrder,
    ]

    /// Guards that make a table append-only at the engine level, for migrations from 2026-11-30 on (the
    /// released ones keep their literal statements). On PostgreSQL the row trigger does not see TRUNCATE,
    /// which gets its own statement trigger.
    static func appendOnly(_ table: String) -> (sqlite: [String], postgres: [String]) {
        (
            [
                "CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table) BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END",
                "CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table) BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END",
            ],
            [
                """
                CREATE FUNCTION \(table)_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION '\(table) is append-only'; END $$
                """,
                "CREATE TRIGGER \(table)_no_change BEFORE UPDATE OR DELETE ON \(table) FOR EACH ROW EXECUTE FUNCTION \(table)_append_only()",
                truncateGuard(table),
            ]
        )
    }

    /// PostgreSQL: refuses TRUNCATE of a table whose `<table>_append_only()` function exists.
    static func truncateGuard(_ table: String) -> String {
        "CREATE TRIGGER \(table)_no_truncate BEFORE TRUNCATE ON \(table) FOR EACH STATEMENT EXECUTE FUNCTION \(table)_append_only()"
    }
}
