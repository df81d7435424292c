import Foundation
import MotCuaDomain
import MotCuaStorage

/// The signed results of a person's own archive that may be reused today (once-only): delivered to them and
/// valid, never revoked, superseded or expired, never another person's.
struct ReusableResults: Sendable {
    let results: SQLResultRepository
    let calendar: WorkingCalendar
    let now: @Sendable () -> Date

    /// The person's valid results, newest first.
    func valid(of person: CitizenID) async throws -> [ArchivedResult] {
        let today = calendar.localDate(of: now())
        return try await results.delivered(applicantID: person)
            .filter { $0.verificationStatus(today: today) == .valid }
            .map { ArchivedResult(id: $0.id, type: $0.type, registerNumber: $0.register?.number, issuedOn: $0.issuedOn) }
    }

    /// The valid results, looked up only when a component of the procedure declares archive types (so other
    /// receipts and verifications cost no extra read).
    func valid(of person: CitizenID, for procedure: Procedure?) async throws -> [ArchivedResult] {
        guard let procedure, procedure.components.contains(where: { $0.reusableFrom != nil }) else { return [] }
        return try await valid(of: person)
    }
}
