extension Migrations {
    /// The Decision 766 index served from counters that a background feed keeps up to date from the dossier
    /// history (and the scans and registry look-ups), instead of aggregating the dossiers on every request.
    ///
    /// - `index_counters`: per Vietnam day of receipt (days since 1970 in UTC+7) and agency, the sums of every
    ///   count of `IndexCounts` that does not depend on the clock. A period is a small GROUP BY over days × agencies.
    /// - `index_online_days` / `index_online_pairs`: online dossiers per agency, procedure and day, for the
    ///   distinct procedures with an online dossier (3.2), which do not add up across days.
    /// - `index_dossier_facts`: what each counted dossier last added to the counters, so a change replaces it
    ///   exactly; `pending_due_at` is set for dossiers whose being on time still depends on the clock (open, not
    ///   paused, not late by supplements, with a promised date).
    /// - `index_feed_marks`: the high-water mark of each tailed table, committed with the counters.
    ///
    /// SQLite tails its tables by `rowid` (one writer: rowids are given in commit order and never reused once
    /// committed, as these tables are append-only). PostgreSQL has no such column: an identity column is added to
    /// the three tailed tables, with an index to read from the mark on.
    static let indexCounters = Migration(
        "2026-11-30-951-index-live-counters",
        [
            """
            CREATE TABLE index_counters (
                day BIGINT NOT NULL,
                agency_id TEXT NOT NULL,
                received BIGINT NOT NULL,
                on_time_settled BIGINT NOT NULL,
                ended BIGINT NOT NULL,
                ended_ms BIGINT NOT NULL,
                online BIGINT NOT NULL,
                completed BIGINT NOT NULL,
                electronic_results BIGINT NOT NULL,
                digitised BIGINT NOT NULL,
                reused BIGINT NOT NULL,
                population_data BIGINT NOT NULL,
                PRIMARY KEY (day, agency_id)
            )
            """,
            """
            CREATE TABLE index_online_days (
                agency_id TEXT NOT NULL,
                procedure_code TEXT NOT NULL,
                day BIGINT NOT NULL,
                dossiers BIGINT NOT NULL,
                PRIMARY KEY (agency_id, procedure_code, day)
            )
            """,
            "CREATE TABLE index_online_pairs (agency_id TEXT NOT NULL, procedure_code TEXT NOT NULL, PRIMARY KEY (agency_id, procedure_code))",
            """
            CREATE TABLE index_dossier_facts (
                dossier_id TEXT PRIMARY KEY,
                agency_id TEXT NOT NULL,
                day BIGINT NOT NULL,
                procedure_code TEXT NOT NULL,
                online BIGINT NOT NULL,
                on_time_settled BIGINT NOT NULL,
                ended BIGINT NOT NULL,
                ended_ms BIGINT NOT NULL,
                completed BIGINT NOT NULL,
                electronic_results BIGINT NOT NULL,
                digitised BIGINT NOT NULL,
                reused BIGINT NOT NULL,
                population_data BIGINT NOT NULL,
                pending_due_at BIGINT
            )
            """,
            // Only open dossiers have a pending date, so this index holds the work in progress, not the years.
            "CREATE INDEX index_dossier_facts_pending ON index_dossier_facts (pending_due_at, day) WHERE pending_due_at IS NOT NULL",
            "CREATE TABLE index_feed_marks (source TEXT PRIMARY KEY, position BIGINT NOT NULL)",
            "INSERT INTO index_feed_marks (source, position) VALUES ('dossier_history', 0), ('digitised_documents', 0), ('registry_access_log', 0)",
        ],
        postgresOnly: ["dossier_history", "digitised_documents", "registry_access_log"].flatMap { table in
            [
                "ALTER TABLE \(table) ADD COLUMN feed_position BIGINT GENERATED ALWAYS AS IDENTITY",
                "CREATE INDEX \(table)_feed ON \(table) (feed_position)",
            ]
        })
}
