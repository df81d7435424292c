/// The roles an official can hold. An official holds exactly one role at one agency.
public enum Role: String, Sendable, Codable, CaseIterable, Hashable {
    /// One-stop reception officer: receives dossiers at the counter or online.
    case receptionOfficer = "reception_officer"
    /// Specialist: appraises dossiers.
    case specialist
    /// Leader: approves and signs off results.
    case leader
    /// Result clerk: hands results back to applicants.
    case resultClerk = "result_clerk"
    /// Agency administrator: manages the agency's accounts.
    case agencyAdministrator = "agency_administrator"
    /// Operations-centre monitor: reads indicators and queues, changes nothing.
    case operationsMonitor = "operations_monitor"
    /// Data steward: reviews reconciliation findings and decides corrections.
    case dataSteward = "data_steward"
    /// Auditor (inspection): searches the log of look-ups at people's national data, changes nothing.
    case auditor
}
