extension Migrations {
    /// One row per dossier component with where it came from (the zero-paper score aggregates it in SQL; the
    /// JSON details column cannot be aggregated efficiently on both engines). Existing dossiers are backfilled
    /// from their JSON; the month is the submission's in Vietnam time (UTC+7, no daylight saving).
    static let dossierComponents = Migration(
        "2026-11-30-510-dossier-components",
        [
            """
            CREATE TABLE dossier_components (
                dossier_id TEXT NOT NULL,
                component_code TEXT NOT NULL,
                procedure_code TEXT NOT NULL,
                agency_id TEXT NOT NULL,
                month TEXT NOT NULL CHECK (length(month) = 7),
                required BIGINT NOT NULL CHECK (required IN (0, 1)),
                source TEXT NOT NULL CHECK (source IN ('registry', 'archive', 'eform', 'scan', 'paper', 'pending', 'missing', 'none')),
                PRIMARY KEY (dossier_id, component_code)
            )
            """,
            "CREATE INDEX dossier_components_report ON dossier_components (month, agency_id, procedure_code)",
        ],
        sqliteOnly: [
            """
            INSERT INTO dossier_components (dossier_id, component_code, procedure_code, agency_id, month, required, source)
            SELECT d.id, json_extract(c.value, '$.code'), d.procedure_code, d.agency_id,
                strftime('%Y-%m', d.submitted_at / 1000 + 25200, 'unixepoch'),
                CASE WHEN json_extract(c.value, '$.required') THEN 1 ELSE 0 END,
                \(backfillSource(state: "json_extract(c.value, '$.state')", reference: "json_extract(c.value, '$.reference')"))
            FROM dossiers d, json_each(d.details, '$.components') c
            """
        ],
        postgresOnly: [
            """
            INSERT INTO dossier_components (dossier_id, component_code, procedure_code, agency_id, month, required, source)
            SELECT d.id, c ->> 'code', d.procedure_code, d.agency_id,
                to_char(to_timestamp((d.submitted_at + 25200000) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM'),
                CASE WHEN (c ->> 'required')::boolean THEN 1 ELSE 0 END,
                \(backfillSource(state: "c ->> 'state'", reference: "c ->> 'reference'"))
            FROM dossiers d, jsonb_array_elements(d.details::jsonb -> 'components') c
            """
        ])

    /// The SQL form of `ComponentRow.source(of:)` for the backfill.
    private static func backfillSource(state: String, reference: String) -> String {
        """
        CASE \(state) WHEN 'from_registry' THEN 'registry' WHEN 'reused' THEN 'archive' \
        WHEN 'provided' THEN (CASE WHEN \(reference) LIKE 'document:%' THEN 'scan' WHEN \(reference) = 'eform' THEN 'eform' ELSE 'paper' END) \
        WHEN 'pending_verification' THEN 'pending' WHEN 'missing' THEN 'missing' ELSE 'none' END
        """
    }

    /// The first table kept one row per component under a key led by the dossier's random id: every receipt wrote
    /// its rows into as many random pages of two B-trees (and SQLite's rowid table), and the receipt benchmark
    /// fell by about a sixth. The rows are now clustered under the report's own order, (month, agency,
    /// procedure, dossier, component): a receipt's rows land beside the month's other rows of its agency, and
    /// the report reads a range of the key. Every part of the key is fixed for a dossier's whole life, so an
    /// update still finds its row by the key alone.
    static let dossierComponentsClustered = Migration(
        "2026-11-30-520-dossier-components-clustered",
        [],
        sqliteOnly: clusteredStatements(suffix: " WITHOUT ROWID"),
        postgresOnly: clusteredStatements(suffix: ""))

    private static func clusteredStatements(suffix: String) -> [String] {
        [
            """
            CREATE TABLE dossier_components_clustered (
                month TEXT NOT NULL CHECK (length(month) = 7),
                agency_id TEXT NOT NULL,
                procedure_code TEXT NOT NULL,
                dossier_id TEXT NOT NULL,
                component_code TEXT NOT NULL,
                required BIGINT NOT NULL CHECK (required IN (0, 1)),
                source TEXT NOT NULL CHECK (source IN ('registry', 'archive', 'eform', 'scan', 'paper', 'pending', 'missing', 'none')),
                PRIMARY KEY (month, agency_id, procedure_code, dossier_id, component_code)
            )\(suffix)
            """,
            """
            INSERT INTO dossier_components_clustered (month, agency_id, procedure_code, dossier_id, component_code, required, source)
            SELECT month, agency_id, procedure_code, dossier_id, component_code, required, source FROM dossier_components
            """,
            "DROP TABLE dossier_components",
            "ALTER TABLE dossier_components_clustered RENAME TO dossier_components",
        ]
    }
}
