extension Migrations {
    /// Ratings of returned dossiers (one per dossier, append-only) and complaints and petitions (PAKN) with their
    /// append-only history. The citizen's ID and raw text stay in `petitions`; nothing public reads them.
    static let satisfaction = Migration(
        "2026-11-30-960-satisfaction-ratings-and-petitions",
        [
            """
            CREATE TABLE dossier_ratings (
                dossier_code TEXT PRIMARY KEY,
                agency_id TEXT NOT NULL,
                level BIGINT NOT NULL CHECK (level BETWEEN 1 AND 5),
                comment TEXT,
                channel TEXT NOT NULL CHECK (channel IN ('online', 'counter')),
                recorded_by TEXT NOT NULL,
                rated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX dossier_ratings_agency ON dossier_ratings (agency_id, rated_at)",
            """
            CREATE TABLE petitions (
                id TEXT PRIMARY KEY,
                agency_id TEXT NOT NULL,
                category TEXT NOT NULL CHECK (category IN ('regulation', 'procedure', 'conduct')),
                dossier_code TEXT,
                citizen_id TEXT NOT NULL,
                content TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('submitted', 'supplement_requested', 'answered', 'refused', 'published')),
                version BIGINT NOT NULL,
                received_at BIGINT NOT NULL,
                handling_due_at BIGINT NOT NULL,
                refusal_due_at BIGINT NOT NULL,
                supplement_due_at BIGINT NOT NULL,
                supplement_requested_at BIGINT,
                supplement_request TEXT,
                supplemented_at BIGINT,
                supplement TEXT,
                answered_at BIGINT,
                answer TEXT,
                publish_due_at BIGINT,
                published_at BIGINT,
                summary TEXT,
                refused_at BIGINT,
                refusal_reason TEXT,
                satisfied BIGINT CHECK (satisfied IN (0, 1)),
                CHECK (status <> 'published' OR (summary IS NOT NULL AND published_at IS NOT NULL AND answer IS NOT NULL))
            )
            """,
            // The officers' queue by agency and status, the citizen's own list, the index by receipt, the public list.
            "CREATE INDEX petitions_queue ON petitions (agency_id, status, received_at)",
            "CREATE INDEX petitions_citizen ON petitions (citizen_id, received_at)",
            "CREATE INDEX petitions_received ON petitions (received_at, agency_id)",
            "CREATE INDEX petitions_dossier ON petitions (dossier_code)",
            "CREATE INDEX petitions_published ON petitions (published_at)",
            """
            CREATE TABLE petition_history (
                petition_id TEXT NOT NULL,
                seq BIGINT NOT NULL,
                action TEXT NOT NULL,
                actor_id TEXT NOT NULL,
                actor_role TEXT NOT NULL,
                at BIGINT NOT NULL,
                status_before TEXT,
                status_after TEXT NOT NULL,
                note TEXT,
                PRIMARY KEY (petition_id, seq)
            )
            """,
        ],
        sqliteOnly: appendOnly("dossier_ratings").sqlite + appendOnly("petition_history").sqlite,
        postgresOnly: appendOnly("dossier_ratings").postgres + appendOnly("petition_history").postgres)
}
