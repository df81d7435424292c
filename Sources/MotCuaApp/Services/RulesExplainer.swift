import Foundation
import MotCuaDomain
import MotCuaStorage

/// `motcua rules explain`: the promised date of a procedure for a moment of receipt, with every step, from
/// the reference data the server would load (bundled files, `--data-dir`, `--calendar-dir`).
public struct RulesExplainer: Sendable {
    public let reference: ReferenceData

    /// Loads and validates the reference data as the server does at start-up.
    public init(configuration: AppConfiguration) throws {
        reference = try ReferenceData.load(dataDirectory: configuration.dataDirectory, calendarDirectory: configuration.calendarDirectory)
    }

    public init(reference: ReferenceData) {
        self.reference = reference
    }

    /// Why an explanation cannot be given; the message names the option.
    public struct InputError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Parses `yyyy-MM-ddTHH:mm` or `yyyy-MM-ddTHH:mm:ss`, a local time in Vietnam (UTC+7).
    public static func parseLocalTime(_ text: String) -> Date? {
        let parts = text.split(separator: "T", omittingEmptySubsequences: false)
        guard parts.count == 2, let date = LocalDate(iso: String(parts[0])) else { return nil }
        let time = parts[1].split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard (2...3).contains(time.count), time.allSatisfy({ $0 != nil }), parts[1].count == (time.count == 2 ? 5 : 8) else { return nil }
        let hour = time[0]!, minute = time[1]!, second = time.count == 3 ? time[2]! : 0
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        let seconds = date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second - 7 * 3600
        return Date(timeIntervalSince1970: Double(seconds))
    }

    /// The explanation for `procedureCode` received at `received` (local time text), optionally at `agencyID`.
    public func explain(procedureCode: String, received: String, agencyID: String?) throws -> (procedure: Procedure, agency: Agency?, explanation: DeadlineExplanation) {
        guard let procedure = reference.catalogue.procedure(code: procedureCode) else {
            throw InputError(description: "--procedure: no procedure '\(procedureCode)' in the catalogue")
        }
        guard let receivedAt = Self.parseLocalTime(received) else {
            throw InputError(description: "--received: expected a Vietnam local time yyyy-MM-ddTHH:mm, got '\(received)'")
        }
        var agency: Agency?
        if let agencyID {
            guard let found = reference.agencies.agency(id: agencyID) else {
                throw InputError(description: "--agency: no agency '\(agencyID)'")
            }
            switch procedure.level {
            case .commune where found.kind != .commune:
                throw InputError(description: "--agency: \(procedure.code) is handled by a commune or ward, not by \(agencyID)")
            case .department where found.id != procedure.department:
                throw InputError(description: "--agency: \(procedure.code) is handled by \(procedure.department ?? "?"), not by \(agencyID)")
            default: break
            }
            agency = found
        }
        let explanation = reference.calendar.explainDueDate(
            for: procedure.timeLimit, receivedAt: receivedAt, options: procedure.countingOptions)
        return (procedure, agency, explanation)
    }
}
