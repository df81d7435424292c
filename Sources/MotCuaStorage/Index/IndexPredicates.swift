/// The SQL conditions behind each count of the index, over one `dossiers` row (aliased `d`). The aggregation
/// and the lists of dossiers behind a count use the same text, so a list always has exactly as many rows as
/// the count it explains. Only constants the platform produces (the clock) are put into the text.
enum IndexPredicates {
    /// Dossiers that count at all: received in the period, not withdrawn by the citizen or refused at receipt.
    static let population = "d.received_at IS NOT NULL AND d.status NOT IN (3, 7)"

    /// The end of processing: the first of done, returned, stopped (done and stopped set `finished_at`).
    static let end = "CASE WHEN d.status IN (8, 9, 10) THEN COALESCE(d.finished_at, d.returned_at) END"

    /// On time: never more than one supplement request (`counts_as_late`), and ended, paused for a supplement or
    /// still in progress no later than the promised date (which resuming moves by the time waited).
    static func onTime(nowMilliseconds: Int64) -> String {
        "d.counts_as_late = 0 AND (d.due_at IS NULL OR COALESCE(\(end), d.paused_at, \(nowMilliseconds)) <= d.due_at)"
    }

    /// Whether being on time still depends on the clock: open (not ended), not paused for a supplement, not
    /// late by supplement requests, with a promised date. Such a dossier is on time while `now <= due_at`.
    static let pending = "(d.counts_as_late = 0 AND d.due_at IS NOT NULL AND (\(end)) IS NULL AND d.paused_at IS NULL)"

    /// On time whatever the clock says: every dossier not `pending` is decided by its own dates alone (the clock
    /// in `onTime` is then never reached, so any value does).
    static let settledOnTime = "NOT \(pending) AND \(onTime(nowMilliseconds: 0))"

    static let ended = "d.status IN (8, 9, 10) AND COALESCE(d.finished_at, d.returned_at) IS NOT NULL"
    static let online = "d.channel = 'online'"
    static let completed = "d.status IN (9, 10)"
    static let signedResult = "EXISTS (SELECT 1 FROM results r WHERE r.dossier_code = d.code AND r.state IN ('signed', 'superseded'))"
    static let electronicResult = "\(completed) AND \(signedResult)"
    static let digitised = "EXISTS (SELECT 1 FROM digitised_documents g WHERE g.dossier_code = d.code) AND \(signedResult)"
    // Component states are kept in the dossier's details JSON, written by JSONEncoder without spaces.
    static let reused = "d.details LIKE '%\"state\":\"reused\"%'"
    static let populationData = """
        (d.details LIKE '%"state":"from_registry"%' OR EXISTS (SELECT 1 FROM registry_access_log a \
        WHERE a.purpose_kind = 'dossier' AND a.purpose_ref = d.code AND a.outcome = 'found'))
        """

    /// The condition selecting the dossiers an indicator's numerator counts; nil for an indicator not counted
    /// over dossiers. `late` lists the denominator's dossiers not on time (2.1, 5.4).
    static func numerator(of indicator: String, nowMilliseconds: Int64) -> String? {
        switch indicator {
        case "2.1": onTime(nowMilliseconds: nowMilliseconds)
        case "2.2": ended
        case "3.3": online
        case "4.1": electronicResult
        case "4.2": digitised
        case "4.3": reused
        case "4.5": populationData
        case "5.4": "NOT (\(onTime(nowMilliseconds: nowMilliseconds)))"
        default: nil
        }
    }

    static func count(_ condition: String) -> String {
        "CAST(COALESCE(SUM(CASE WHEN \(condition) THEN 1 ELSE 0 END), 0) AS BIGINT)"
    }
}
