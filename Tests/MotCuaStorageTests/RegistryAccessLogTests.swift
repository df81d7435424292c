import Foundation
import Logging
import MotCuaDomain
import MotCuaStorage
import MotCuaTestSupport
import SQLKit
import Testing

@Suite("Registry access log and verification queue")
struct RegistryAccessLogTests {
    static func entry(_ subject: String, _ registry: RegistrySource, at: Date, actor: String = "kinhbac.tiepnhan", outcome: RegistryAccessEntry.Outcome = .found) throws -> RegistryAccessEntry {
        RegistryAccessEntry(
            at: at, subjectID: try CitizenID(subject), registry: registry, fields: ["identity", "residence"], actorKind: .official,
            actorID: actor, agencyID: "xa-09187", purposeKind: .counterLookup, purposeReference: "tiếp nhận", requestID: UUID(),
            outcome: outcome)
    }

    @Test("Entries are stored durably, found by person, actor and time, newest first, and page by cursor", arguments: TestDatabase.backends)
    func searchAndPaging(backend: TestDatabase) async throws {
        try await backend.withStore { store in
            try await Migrator(store: store, logger: Logger(label: "test")).migrate()
            let log = SQLRegistryAccessLog(store: store)
            let start = Date(timeIntervalSince1970: 1_780_000_000)
            // Concurrent writers are combined into one batch; every entry must land.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        try await log.record([
                            try Self.entry(index % 2 == 0 ? "027090001234" : "001199000001", .population, at: start.addingTimeInterval(Double(index)),
                                           outcome: index == 3 ? .failed : .found)
                        ])
                    }
                }
                try await group.waitForAll()
            }
            let person = try CitizenID("027090001234")
            let all = try await log.search(RegistryAccessQuery(subjectID: person, limit: 500))
            #expect(all.count == 20)
            #expect(all.map(\.at) == all.map(\.at).sorted(by: >))
            var query = RegistryAccessQuery(subjectID: person, limit: 7)
            var pages: [[RegistryAccessEntry]] = []
            while true {
                let page = try await log.search(query)
                if page.isEmpty { break }
                pages.append(page)
                query.before = (page.last!.at, page.last!.id.uuidString.lowercased())
            }
            #expect(pages.flatMap { $0 }.map(\.id) == all.map(\.id))
            var window = RegistryAccessQuery(from: start.addingTimeInterval(10), until: start.addingTimeInterval(20), limit: 500)
            #expect(try await log.search(window).count == 10)
            window.excludeFailed = true
            var everyone = RegistryAccessQuery(limit: 500)
            everyone.excludeFailed = true
            #expect(try await log.search(everyone).count == 39)
        }
    }

    @Test("The access log is append-only: the database refuses updates and deletes", arguments: TestDatabase.backends)
    func appendOnly(backend: TestDatabase) async throws {
        try await backend.withStore { store in
            try await Migrator(store: store, logger: Logger(label: "test")).migrate()
            let log = SQLRegistryAccessLog(store: store)
            try await log.record([try Self.entry("027090001234", .civilStatus, at: Date())])
            await #expect(throws: (any Error).self) {
                try await store.withWriteConnection { try await $0.raw("UPDATE registry_access_log SET actor_id = 'nobody'").run() }
            }
            await #expect(throws: (any Error).self) {
                try await store.withWriteConnection { try await $0.raw("DELETE FROM registry_access_log").run() }
            }
            #expect(try await log.search(RegistryAccessQuery(limit: 10)).map(\.actorID) == ["kinhbac.tiepnhan"])
        }
    }

    @Test("A receipt waiting for national data is queued with it; a failed round reschedules, a settled one leaves the queue", arguments: TestDatabase.backends)
    func verificationQueue(backend: TestDatabase) async throws {
        let reference = try Fixtures.reference()
        let intake = DossierIntake(catalogue: reference.catalogue, agencies: reference.agencies, workflow: DossierWorkflow(calendar: reference.calendar))
        let commune = try #require(reference.agencies.agencies.first { $0.kind == .commune })
        let received = Date(timeIntervalSince1970: 1_780_000_000)
        let plan = try intake.plan(
            DossierRequest(
                procedureCode: "1.004873", agencyID: commune.id, applicantID: "027090001234", applicantName: "Lê Thị Hoa",
                channel: .counter, formData: [:], components: [.init(code: "declaration", reference: "eform")]),
            by: .official(id: "o", role: .receptionOfficer, agencyID: commune.id), at: received)
        try await backend.withStore { store in
            try await Migrator(store: store, logger: Logger(label: "test")).migrate()
            let repository = SQLDossierRepository(store: store)
            let dossier = try await repository.create(plan, idempotency: nil)
            #expect(RegistryVerification.isPending(dossier))
            // Queued with the receipt, due at once, on behalf of the official who received it.
            #expect(try await repository.dueVerifications(at: received.addingTimeInterval(-1), limit: 10).isEmpty)
            let due = try await repository.dueVerifications(at: received, limit: 10)
            #expect(due.map(\.dossierCode) == [dossier.code])
            #expect(due.first?.requestedBy == "o")

            // A failed round: the access entries are kept, the dossier is unchanged and comes back later.
            let failed = try Self.entry("027090001234", .population, at: received, outcome: .failed)
            let unchanged = try await repository.recordVerification(
                code: dossier.code, access: [failed], retryAt: received.addingTimeInterval(60), error: "population unavailable") { _ in nil }
            #expect(unchanged.version == dossier.version)
            let waiting = try #require(try await repository.pendingVerification(code: dossier.code))
            #expect(waiting.attempts == 1 && waiting.lastError == "population unavailable")
            #expect(try await repository.pendingVerificationCount() == 1)

            // A settled round: components from national data, one history entry, the queue entry gone.
            var evidence = RegistryEvidence(fetchedAt: received.addingTimeInterval(61))
            evidence.answered = [.population, .civilStatus]
            let person = try CitizenID("027090001234")
            evidence.people[person] = PopulationRecord(
                citizenID: person, legacyID: nil, fullName: "Lê Thị Hoa", sex: .female, dateOfBirth: LocalDate(year: 1990, month: 5, day: 1)!,
                birthplace: "Tỉnh Bắc Ninh", nativePlace: "Tỉnh Bắc Ninh", permanentAddress: .init(communeCode: "09187", text: "Kinh Bắc"),
                currentAddress: .init(communeCode: "09187", text: "Kinh Bắc"), maritalStatus: .single, spouseID: nil, fatherID: nil,
                motherID: nil, householdID: "HK-09187-000001", householdHeadID: person, deceasedOn: nil)
            let answers = evidence
            let settled = try await repository.recordVerification(
                code: dossier.code, access: [try Self.entry("027090001234", .population, at: received)], retryAt: received, error: nil
            ) { current in
                var next = current
                guard RegistryVerification.apply(answers, to: &next) else { return nil }
                next.version = current.version + 1
                let entry = HistoryEntry(
                    dossierID: current.id, sequence: next.version, action: "verify_registry", actor: .system("test"), at: received,
                    statusBefore: current.status, statusAfter: current.status, stepBefore: current.step, stepAfter: current.step,
                    note: nil, previousHash: current.historyHead)
                next.historyHead = entry.hash
                return (next, entry)
            }
            #expect(settled.components.first { $0.code == "requester_id" }?.state == .fromRegistry)
            #expect(settled.components.first { $0.code == "divorce_or_death_proof" }?.state == .notApplicable)
            #expect(try await repository.pendingVerification(code: dossier.code) == nil)
            #expect(try await repository.verifyHistory(progress: nil).breaks.isEmpty)
            #expect(try await repository.find(code: dossier.code)?.components == settled.components)
            #expect(try await SQLRegistryAccessLog(store: store).search(RegistryAccessQuery(limit: 10)).count == 2)
        }
    }
}
