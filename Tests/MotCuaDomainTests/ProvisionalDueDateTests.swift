import Foundation
import MotCuaDomain
import Testing

/// Recomputing a provisional promised date once the year's notice is loaded.
@Suite struct ProvisionalDueDateTests {
    typealias T = VietnamTime

    static let official2027 = Data(
        """
        { "year": 2027, "status": "official", "version": 1, "source": "hypothetical notice (test only)",
          "daysOff": [
            { "date": "2027-01-01", "nameVi": "Tết Dương lịch", "nameEn": "New Year's Day", "source": "test" },
            { "date": "2027-01-04", "nameVi": "Nghỉ thêm (giả định)", "nameEn": "Extra day (hypothetical)", "source": "test" } ],
          "workedDays": [] }
        """.utf8)

    func dossier(status: DossierStatus, pausedOfficeMinutes: Int = 0, provisional: Bool = true, extensions: Int = 0) throws -> Dossier {
        Dossier(
            id: UUID(), code: "X-261231-0001", procedureCode: "1.004873", agencyID: "a", receivingAgencyID: "a",
            applicantID: try CitizenID("027203001234"), applicantName: "Nguyễn Văn Bình", channel: .counter, formData: [:], components: [],
            status: status, step: .appraisal, submittedAt: T.at(2026, 12, 31, 10), receivedAt: T.at(2026, 12, 31, 10),
            dueAt: T.at(2027, 1, 6, 17), dueProvisional: provisional, pausedOfficeMinutes: pausedOfficeMinutes, extensions: extensions, version: 3,
            historyHead: "h")
    }

    func workflows() throws -> (before: DossierWorkflow, after: DossierWorkflow, procedure: Procedure) {
        let published = try ReferenceResources.publishedSchedule()
        let official = try HolidaySchedule.combining([published, try HolidaySchedule.decode(Self.official2027, source: "vn-2027-official.json")])
        let procedure = try #require(try ReferenceResources.catalogue().procedure(code: "1.004873"))
        return (DossierWorkflow(calendar: WorkingCalendar(schedule: published)), DossierWorkflow(calendar: WorkingCalendar(schedule: official)), procedure)
    }

    @Test("with the official notice the date moves to Thu 7 Jan and the history names both dates, by the system")
    func recomputes() throws {
        let (before, after, procedure) = try workflows()
        let original = try dossier(status: .inProcess)
        #expect(before.recomputeProvisionalDueDate(original, procedure: procedure, at: T.at(2027, 1, 2, 8)) == nil)
        let (next, entry) = try #require(after.recomputeProvisionalDueDate(original, procedure: procedure, at: T.at(2027, 1, 2, 8)))
        #expect(next.dueAt == T.at(2027, 1, 7, 17) && !next.dueProvisional && next.version == 4)
        #expect(next.stepDeadlines[.delivery] == next.dueAt)
        #expect(entry.action == "recompute_due_date" && entry.actorID == "system:calendar" && entry.previousHash == "h")
        #expect(entry.note?.contains("2027-01-06 17:00") == true && entry.note?.contains("2027-01-07 17:00") == true)
    }

    @Test("time the clock stood still (a supplement) is kept: one office day paused moves the date one day further")
    func keepsPauses() throws {
        let (_, after, procedure) = try workflows()
        let (next, _) = try #require(after.recomputeProvisionalDueDate(try dossier(status: .inProcess, pausedOfficeMinutes: 480), procedure: procedure, at: T.at(2027, 1, 2, 8)))
        #expect(next.dueAt == T.at(2027, 1, 8, 17))
    }

    @Test("nothing to do for a paused, finished, extended or final dossier")
    func leavesOthersAlone() throws {
        let (_, after, procedure) = try workflows()
        for candidate in [
            try dossier(status: .supplementRequested), try dossier(status: .paymentRequested), try dossier(status: .done),
            try dossier(status: .inProcess, extensions: 1), try dossier(status: .inProcess, provisional: false),
        ] {
            #expect(after.recomputeProvisionalDueDate(candidate, procedure: procedure, at: T.at(2027, 1, 2, 8)) == nil)
        }
    }
}
