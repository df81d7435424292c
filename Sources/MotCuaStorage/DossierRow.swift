import Foundation
import MotCuaDomain
import SQLKit

/// Mapping between `Dossier` and the `dossiers` table.
enum DossierRow {
    /// Fields kept together as JSON because they are read and written only with the whole dossier.
    struct Details: Codable {
        var formData: [String: String]
        var components: [DossierComponent]
        var stepDeadlines: [String: Int64]
        /// Absent in rows written before flags existed.
        var flags: [DossierFlag]?
        /// Office minutes of finished pauses; absent before provisional due dates existed, and when 0.
        var pausedOfficeMinutes: Int?
    }

    static let columns = """
        id, code, procedure_code, agency_id, receiving_agency_id, applicant_id, applicant_name, channel, status, step, \
        outcome, handler_id, submitted_at, received_at, due_at, finished_at, returned_at, paused_at, \
        paused_remaining_minutes, supplement_requests, counts_as_late, extensions, version, history_head, details, due_provisional
        """
    static let columnNames = columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }

    static func ms(_ date: Date?) -> Int? { date.map { Int(HashChain.milliseconds($0)) } }
    static func date(_ ms: Int?) -> Date? { ms.map { Date(timeIntervalSince1970: Double($0) / 1000) } }

    static func details(of dossier: Dossier) throws -> String {
        try DossierDetailsJSON.encode(dossier)
    }

    /// Inserts dossiers with multi-row statements.
    /// - Parameter details: each dossier's `details(of:)`, when the caller encoded them already (receipts do so
    ///   before they reach the single writer, whose time is the scarce resource).
    static func insertMany(_ dossiers: ArraySlice<Dossier>, details encoded: ArraySlice<String>? = nil, on database: any SQLDatabase) async throws {
        let rows: [[any Encodable & Sendable]] = try zip(dossiers.indices, dossiers).map { index, d in
            [
                d.id.lowercasedText, d.code, d.procedureCode, d.agencyID, d.receivingAgencyID, d.applicantID.value,
                d.applicantName, d.channel.rawValue, d.status.rawValue, d.step.rawValue, d.outcome?.rawValue, d.handlerID,
                ms(d.submittedAt), ms(d.receivedAt), ms(d.dueAt), ms(d.finishedAt), ms(d.returnedAt), ms(d.pausedAt),
                d.pausedRemainingMinutes, d.supplementRequests, d.countsAsLate ? 1 : 0, d.extensions, d.version,
                d.historyHead, try encoded?[encoded!.startIndex + (index - dossiers.startIndex)] ?? details(of: d), d.dueProvisional ? 1 : 0,
            ]
        }
        try await database.insertRows(into: "dossiers", columns: columnNames, rows: rows)
    }

    /// Writes the new state if the stored version is still `expectedVersion`; returns whether it was.
    static func update(_ d: Dossier, expectedVersion: Int, on database: any SQLDatabase) async throws -> Bool {
        let rows = try await database.raw(
            """
            UPDATE dossiers SET status = \(bind: d.status.rawValue), step = \(bind: d.step.rawValue), \
            outcome = \(bind: d.outcome?.rawValue), handler_id = \(bind: d.handlerID), received_at = \(bind: ms(d.receivedAt)), \
            due_at = \(bind: ms(d.dueAt)), finished_at = \(bind: ms(d.finishedAt)), returned_at = \(bind: ms(d.returnedAt)), \
            paused_at = \(bind: ms(d.pausedAt)), paused_remaining_minutes = \(bind: d.pausedRemainingMinutes), \
            supplement_requests = \(bind: d.supplementRequests), counts_as_late = \(bind: d.countsAsLate ? 1 : 0), \
            extensions = \(bind: d.extensions), version = \(bind: d.version), history_head = \(bind: d.historyHead), \
            details = \(bind: try details(of: d)), due_provisional = \(bind: d.dueProvisional ? 1 : 0) \
            WHERE id = \(bind: d.id.lowercasedText) AND version = \(bind: expectedVersion) RETURNING version
            """
        ).all()
        return !rows.isEmpty
    }

    static let summaryColumns = """
        id, code, procedure_code, agency_id, receiving_agency_id, applicant_id, applicant_name, channel, status, step, \
        outcome, handler_id, submitted_at, received_at, due_at, counts_as_late, version
        """

    static func decodeSummary(_ row: any SQLRow) throws -> DossierSummary {
        guard let id = UUID(uuidString: try row.decode(column: "id", as: String.self)),
            let channel = Channel(rawValue: try row.decode(column: "channel", as: String.self)),
            let status = DossierStatus(rawValue: try row.decode(column: "status", as: Int.self)),
            let step = ProcessStep(rawValue: try row.decode(column: "step", as: String.self))
        else { throw StoredDataError("dossier row has an unknown id, channel, status or step") }
        return DossierSummary(
            id: id, code: try row.decode(column: "code", as: String.self),
            procedureCode: try row.decode(column: "procedure_code", as: String.self),
            agencyID: try row.decode(column: "agency_id", as: String.self),
            receivingAgencyID: try row.decode(column: "receiving_agency_id", as: String.self),
            applicantID: try CitizenID(try row.decode(column: "applicant_id", as: String.self)),
            applicantName: try row.decode(column: "applicant_name", as: String.self), channel: channel, status: status, step: step,
            outcome: try row.decode(column: "outcome", as: String?.self).flatMap(DossierOutcome.init(rawValue:)),
            handlerID: try row.decode(column: "handler_id", as: String?.self),
            submittedAt: date(try row.decode(column: "submitted_at", as: Int.self))!,
            receivedAt: date(try row.decode(column: "received_at", as: Int?.self)),
            dueAt: date(try row.decode(column: "due_at", as: Int?.self)),
            countsAsLate: try row.decode(column: "counts_as_late", as: Int.self) != 0,
            version: try row.decode(column: "version", as: Int.self))
    }

    static func decode(_ row: any SQLRow) throws -> Dossier {
        let details = try JSONDecoder().decode(
            Details.self, from: Data(try row.decode(column: "details", as: String.self).utf8))
        var deadlines: [ProcessStep: Date] = [:]
        for (key, value) in details.stepDeadlines {
            if let step = ProcessStep(rawValue: key) { deadlines[step] = date(Int(value)) }
        }
        guard let id = UUID(uuidString: try row.decode(column: "id", as: String.self)),
            let channel = Channel(rawValue: try row.decode(column: "channel", as: String.self)),
            let status = DossierStatus(rawValue: try row.decode(column: "status", as: Int.self)),
            let step = ProcessStep(rawValue: try row.decode(column: "step", as: String.self))
        else { throw StoredDataError("dossier row has an unknown id, channel, status or step") }
        return Dossier(
            id: id, code: try row.decode(column: "code", as: String.self),
            procedureCode: try row.decode(column: "procedure_code", as: String.self),
            agencyID: try row.decode(column: "agency_id", as: String.self),
            receivingAgencyID: try row.decode(column: "receiving_agency_id", as: String.self),
            applicantID: try CitizenID(try row.decode(column: "applicant_id", as: String.self)),
            applicantName: try row.decode(column: "applicant_name", as: String.self), channel: channel,
            formData: details.formData, components: details.components, flags: details.flags ?? [], status: status, step: step,
            outcome: try row.decode(column: "outcome", as: String?.self).flatMap(DossierOutcome.init(rawValue:)),
            handlerID: try row.decode(column: "handler_id", as: String?.self),
            submittedAt: date(try row.decode(column: "submitted_at", as: Int.self))!,
            receivedAt: date(try row.decode(column: "received_at", as: Int?.self)),
            dueAt: date(try row.decode(column: "due_at", as: Int?.self)),
            dueProvisional: try row.decode(column: "due_provisional", as: Int.self) != 0, stepDeadlines: deadlines,
            pausedRemainingMinutes: try row.decode(column: "paused_remaining_minutes", as: Int?.self),
            pausedAt: date(try row.decode(column: "paused_at", as: Int?.self)), pausedOfficeMinutes: details.pausedOfficeMinutes ?? 0,
            supplementRequests: try row.decode(column: "supplement_requests", as: Int.self),
            countsAsLate: try row.decode(column: "counts_as_late", as: Int.self) != 0,
            extensions: try row.decode(column: "extensions", as: Int.self),
            finishedAt: date(try row.decode(column: "finished_at", as: Int?.self)),
            returnedAt: date(try row.decode(column: "returned_at", as: Int?.self)),
            version: try row.decode(column: "version", as: Int.self),
            historyHead: try row.decode(column: "history_head", as: String.self))
    }
}

/// A stored value that the code cannot interpret: a bug or tampering, never bad input.
struct StoredDataError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
