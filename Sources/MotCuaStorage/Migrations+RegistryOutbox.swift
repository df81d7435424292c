extension Migrations {
    /// Two-way sharing: one row per update request to a national registry, written in the transaction of the
    /// decision that causes it, with its delivery state; and the append-only log of each request's state changes.
    static let registryOutbox = Migration(
        "2026-11-30-910-registry-outbox",
        [
            """
            CREATE TABLE registry_outbox (
                request_id TEXT PRIMARY KEY,
                registry TEXT NOT NULL,
                kind TEXT NOT NULL,
                payload TEXT NOT NULL,
                origin_kind TEXT NOT NULL CHECK (origin_kind IN ('finding', 'dossier')),
                origin_ref TEXT NOT NULL,
                agency_id TEXT,
                requested_by TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'accepted', 'refused')),
                attempts BIGINT NOT NULL,
                next_attempt_at BIGINT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                reference TEXT,
                message TEXT,
                last_error TEXT
            )
            """,
            // The dispatcher's scan (due rows only) and the views of a finding's or dossier's requests.
            "CREATE INDEX registry_outbox_due ON registry_outbox (state, next_attempt_at)",
            "CREATE INDEX registry_outbox_origin ON registry_outbox (origin_kind, origin_ref, created_at)",
            """
            CREATE TABLE registry_outbox_events (
                request_id TEXT NOT NULL,
                seq BIGINT NOT NULL,
                state TEXT NOT NULL,
                attempt BIGINT NOT NULL,
                at BIGINT NOT NULL,
                detail TEXT,
                PRIMARY KEY (request_id, seq)
            )
            """,
        ],
        sqliteOnly: appendOnly("registry_outbox_events").sqlite,
        postgresOnly: appendOnly("registry_outbox_events").postgres)
}

extension Migrations {
    /// Delivery in decision order for updates about the same person, parcel or registration: the keys of each
    /// undelivered request (``RegistryUpdate/subjects``), removed when the request is accepted or refused; an index
    /// of the requests held behind an older one; and on PostgreSQL a queue position (SQLite's rowid already grows
    /// with each insert). Requests queued before this migration have no keys and are delivered in due order.
    static let registryOutboxOrder = Migration(
        "2026-12-03-010-registry-outbox-order",
        [
            """
            CREATE TABLE registry_outbox_subjects (
                subject TEXT NOT NULL,
                request_id TEXT NOT NULL,
                PRIMARY KEY (subject, request_id)
            )
            """,
            "CREATE INDEX registry_outbox_subjects_request ON registry_outbox_subjects (request_id)",
            // The held requests, usually none: the dispatcher looks for them every round.
            "CREATE INDEX registry_outbox_held ON registry_outbox (request_id) WHERE state = 'queued' AND next_attempt_at IS NULL",
        ],
        postgresOnly: ["ALTER TABLE registry_outbox ADD COLUMN queue_position BIGINT GENERATED ALWAYS AS IDENTITY"])
}
