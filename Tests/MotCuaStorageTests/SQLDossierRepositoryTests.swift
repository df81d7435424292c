import Foundation
import Logging
import MotCuaDomain
import MotCuaStorage
import MotCuaTestSupport
import Testing

@Suite("Dossier repository")
struct SQLDossierRepositoryTests {
    let reference: ReferenceData
    let intake: DossierIntake
    let commune: Agency
    let procedure: Procedure

    init() throws {
        reference = try Fixtures.reference()
        intake = DossierIntake(
            catalogue: reference.catalogue, agencies: reference.agencies, workflow: DossierWorkflow(calendar: reference.calendar))
        commune = reference.agencies.agencies.first { $0.kind == .commune }!
        procedure = reference.catalogue.procedures.first { $0.level == .commune }!
    }

    func plan(at date: Date = Date(), citizen: String = "027090001234") throws -> DossierPlan {
        let request = DossierRequest(
            procedureCode: procedure.code, agencyID: commune.id, applicantID: citizen, applicantName: "Nguyễn Văn An",
            channel: .counter, formData: ["ghiChu": "thử"],
            components: procedure.components.filter { $0.required && $0.registrySource == nil }.map { .init(code: $0.code, reference: "scan-1") })
        return try intake.plan(request, by: .official(id: "officer", role: .receptionOfficer, agencyID: commune.id), at: date)
    }

    @Test("Concurrent receipts get unique, gap-free numbers 0001…N for the unit and day", arguments: TestDatabase.backends)
    func concurrentReceiptsAreNumberedWithoutGaps(backend: TestDatabase) async throws {
        let plans = try (0..<120).map { _ in try plan() }
        let codes = try await backend.withStore { store in
            try await Migrator(store: store, logger: Logger(label: "test")).migrate()
            let repository = SQLDossierRepository(store: store)
            return try await withThrowingTaskGroup(of: String.self) { group in
                for plan in plans { group.addTask { try await repository.create(plan, idempotency: nil).code } }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
        }
        let sequences = codes.compactMap { DossierCode($0)?.sequence }.sorted()
        #expect(sequences == Array(1...120))
        #expect(Set(codes.compactMap { DossierCode($0)?.agencyIdentifier }) == [commune.identifier])
    }

    @Test("A failed receipt gives its number back", arguments: TestDatabase.backends)
    func rolledBackReceiptLeavesNoGap(backend: TestDatabase) async throws {
        let first = try plan()
        let second = try plan()
        let codes = try await backend.withStore { store in
            try await Migrator(store: store, logger: Logger(label: "test")).migrate()
            let repository = SQLDossierRepository(store: store)
            let a = try await repository.create(first, idempotency: nil)
            // the idempotency renderer fails after the number was taken, inside the same transaction
            let failing = IdempotencyWrite(scope: "s", key: "k", requestHash: "h", statusCode: 201) { _ in throw CancellationError() }
            await #expect(throws: CancellationError.self) { try await repository.create(second, idempotency: failing) }
            let b = try await repository.create(second, idempotency: nil)
            return [a.code, b.code]
        }
        #expect(codes.compactMap { DossierCode($0)?.sequence } == [1, 2])
    }

    @Test("A transition from a stale version is refused and changes nothing", arguments: TestDatabase.backends)
    func staleVersionIsRejected(backend: TestDatabase) async throws {
        let plan = try plan()
        let workflow = intake.workflow
        let procedure = procedure
        let commune = commune
        let specialist = OfficialReference(id: "cv", role: .specialist, agencyID: commune.id)
        let officer = Actor.official(id: "officer", role: .receptionOfficer, agencyID: commune.id)
        try await backend.withStore { store in
            try await Migrator(store: store, logger: Logger(label: "test")).migrate()
            let repository = SQLDossierRepository(store: store)
            let created = try await repository.create(plan, idempotency: nil)
            let moved = try await repository.transition(code: created.code, idempotency: nil) { current in
                try workflow.apply(.assign(specialist: specialist), to: current, procedure: procedure, by: officer, expectedVersion: 1, at: Date())
            }
            #expect(moved.version == 2)
            await #expect(throws: TransitionError.self) {
                try await repository.transition(code: created.code, idempotency: nil) { current in
                    try workflow.apply(.stop(reason: "x"), to: current, procedure: procedure, by: officer, expectedVersion: 1, at: Date())
                }
            }
            let found = try await repository.find(code: created.code)
            let stored = try #require(found)
            #expect(stored.version == 2)
            #expect(stored.status == .inProcess)
            let history = try await repository.history(dossierID: created.id)
            #expect(history.map(\.action) == ["receive", "assign"])
            #expect(HashChain.verify(history, dossierID: created.id) == nil)
            let audit = try await repository.verifyHistory(progress: nil)
            #expect(audit.breaks.isEmpty)
            #expect(audit.entriesChecked == 2)
        }
    }

    @Test("Listing pages through every matching dossier exactly once, oldest first", arguments: TestDatabase.backends)
    func listingPaginatesWithCursor(backend: TestDatabase) async throws {
        let base = Date(timeIntervalSince1970: 1_780_000_000)
        let plans = try (0..<25).map { try plan(at: base.addingTimeInterval(Double($0) * 60)) }
        let commune = commune
        try await backend.withStore { store in
            try await Migrator(store: store, logger: Logger(label: "test")).migrate()
            let repository = SQLDossierRepository(store: store)
            var created: [String] = []
            for plan in plans { created.append(try await repository.create(plan, idempotency: nil).code) }
            var seen: [String] = []
            var query = DossierQuery(scope: .handledBy(commune.id), statuses: [.received], limit: 10)
            repeat {
                let page = try await repository.list(query)
                seen += page.items.map(\.code)
                query.after = page.next
            } while query.after != nil
            #expect(seen == created)
            let other = try await repository.list(DossierQuery(scope: .handledBy("no-such-agency")))
            #expect(other.items.isEmpty)
            let none = try await repository.list(DossierQuery(scope: .handledBy(commune.id), statuses: [.returned]))
            #expect(none.items.isEmpty)
        }
    }
}
