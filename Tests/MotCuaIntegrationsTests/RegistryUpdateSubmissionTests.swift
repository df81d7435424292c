import AsyncHTTPClient
import Foundation
import MotCuaDomain
import MotCuaIntegrations
import MotCuaRegistrySandbox
import MotCuaSandboxService
import NIOCore
import NIOHTTP1
import Testing

@Suite("Registry updates over HTTP (two-way sharing)")
struct RegistryUpdateSubmissionTests {
    let context = RegistryFixtures.context
    static let weddingDay = LocalDate(year: 2026, month: 5, day: 1)!

    /// A fresh registry (updates change it) with a single living man of at least 20 and a single living woman
    /// of at least 18 on the wedding day.
    struct Couple {
        let registry = RegistryGenerator(seed: 3, people: 2_000).generate()
        let husband: PopulationRecord
        let wife: PopulationRecord

        init() throws {
            func eligible(_ person: PopulationRecord, _ sex: Sex, _ minimumAge: Int) -> Bool {
                person.sex == sex && person.maritalStatus == .single && person.deceasedOn == nil && person.spouseID == nil
                    && person.dateOfBirth.year + minimumAge < RegistryUpdateSubmissionTests.weddingDay.year
            }
            husband = try RegistryFixtures.person(in: registry) { eligible($0, .male, 20) }
            wife = try RegistryFixtures.person(in: registry) { eligible($0, .female, 18) }
        }

        /// Their marriage, or the husband's with `wife` instead.
        func marriage(wife other: CitizenID? = nil) -> RegistryUpdate {
            .registerMarriage(
                husband: husband.citizenID, wife: other ?? wife.citizenID, date: RegistryUpdateSubmissionTests.weddingDay,
                communeCode: husband.permanentAddress.communeCode)
        }
    }

    @Test("An accepted marriage registration returns its number and shows in the following look-ups")
    func acceptedUpdateIsVisible() async throws {
        let couple = try Couple()
        let (husband, wife) = (couple.husband, couple.wife)
        try await RegistryFixtures.withSandbox(registry: couple.registry) { _, client async throws in
            let receipt = try await client.submit(couple.marriage(), context: context)
            let number = try #require(receipt.reference)
            #expect(number.hasPrefix("KH-\(husband.permanentAddress.communeCode)-2026-"))
            let after = try #require(try await client.person(husband.citizenID, context: context))
            #expect(after.maritalStatus == .married && after.spouseID == wife.citizenID)
            #expect(try await client.civilStatus(wife.citizenID, context: context).contains { $0.registrationNumber == number })
        }
    }

    @Test("An update the registry's rules refuse is rejected with 422 and the bilingual reason, sent once")
    func refusedUpdateIsRejected() async throws {
        let couple = try Couple()
        try await RegistryFixtures.withSandbox(registry: couple.registry) { sandbox, client async throws in
            let error = try #require(await RegistryFixtures.failure { () async throws(RegistryClientError) in
                try await client.submit(couple.marriage(wife: couple.husband.citizenID), context: context)
            })
            #expect(error == .rejected(.civilStatus, status: 422, message: RegistryUpdateError(.samePerson).description))
            #expect(sandbox.faults.requestCount(nil) == 1)
        }
    }

    @Test("An update is not retried when the registry fails")
    func failedUpdateIsSentOnce() async throws {
        let couple = try Couple()
        try await RegistryFixtures.withSandbox(registry: couple.registry) { sandbox, client async throws in
            sandbox.faults.set(.init(failStatus: 503), for: nil)
            let error = try #require(await RegistryFixtures.failure { () async throws(RegistryClientError) in
                try await client.submit(couple.marriage(), context: context)
            })
            #expect(error == .unavailable(.civilStatus, reason: "HTTP 503 after 1 attempt"))
            #expect(sandbox.faults.requestCount(nil) == 1)
            #expect(couple.registry.person(id: couple.husband.citizenID)?.maritalStatus == .single)
        }
    }

    @Test("A replayed request id answers the original receipt and is applied once; a new id for the same change is refused")
    func replayedRequestIsDeduplicated() async throws {
        let couple = try Couple()
        try await RegistryFixtures.withSandbox(registry: couple.registry) { sandbox, client async throws in
            let first = try await client.submit(couple.marriage(), context: context)
            // The same request id again, as a dispatcher that sent it but stopped before recording the answer.
            let replay = try await client.submit(couple.marriage(), context: context)
            #expect(replay == first)
            #expect(sandbox.ledger.appliedCount == 1 && sandbox.faults.requestCount(nil) == 2)
            var other = context
            other.requestID = UUID()
            let error = try #require(await RegistryFixtures.failure { () async throws(RegistryClientError) in
                try await client.submit(couple.marriage(), context: other)
            })
            #expect(error == .rejected(.civilStatus, status: 422, message: RegistryUpdateError(.alreadyApplied).description))
            // A refusal is remembered too: its replay gets the same reason, and nothing is applied.
            let again = try #require(await RegistryFixtures.failure { () async throws(RegistryClientError) in
                try await client.submit(couple.marriage(), context: other)
            })
            #expect(again == error && sandbox.ledger.appliedCount == 1 && sandbox.ledger.answeredCount == 2)
        }
    }

    @Test("An update lost to an outage is not remembered: the same request id is applied once the registry is back")
    func faultedRequestIsNotRemembered() async throws {
        let couple = try Couple()
        try await RegistryFixtures.withSandbox(registry: couple.registry) { sandbox, client async throws in
            sandbox.faults.set(.init(failStatus: 503, remaining: 1), for: nil)
            #expect(await RegistryFixtures.failure { () async throws(RegistryClientError) in
                try await client.submit(couple.marriage(), context: context)
            } == .unavailable(.civilStatus, reason: "HTTP 503 after 1 attempt"))
            let receipt = try await client.submit(couple.marriage(), context: context)
            #expect(receipt.reference != nil && sandbox.ledger.appliedCount == 1)
            #expect(couple.registry.person(id: couple.husband.citizenID)?.spouseID == couple.wife.citizenID)
        }
    }

    @Test("A body that is not an update is refused with 400")
    func malformedUpdateIsBadRequest() async throws {
        try await RegistryFixtures.withSandbox { sandbox, _ async throws in
            for body in [#"{"kind":"register_marriage""#, #"{"kind":"adopt_child","citizenID":"027090000001"}"#] {
                var request = HTTPClientRequest(url: sandbox.baseURL + "/v1/updates")
                request.method = .POST
                for name in RegistrySandboxRouter.requiredHeaders { request.headers.add(name: name, value: "test") }
                request.body = .bytes(ByteBuffer(string: body))
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(20))
                #expect(response.status.code == 400, "\(body)")
            }
        }
    }

    @Test("The wire form is a flat object named by kind, with IDs and dates as plain strings, and round-trips")
    func wireForm() throws {
        let husband = try CitizenID("027090000123")
        let update = RegistryUpdate.registerMarriage(husband: husband, wife: husband, date: Self.weddingDay, communeCode: "09187")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(
            String(decoding: try encoder.encode(update), as: UTF8.self)
                == #"{"communeCode":"09187","date":"2026-05-01","husband":"027090000123","kind":"register_marriage","wife":"027090000123"}"#)
        let legacy = try #require(LegacyID("123456789"))
        #expect(
            String(decoding: try encoder.encode(RegistryUpdate.convertLandOwner(parcelID: "07444-3-127", legacyID: legacy)), as: UTF8.self)
                == #"{"kind":"convert_land_owner","legacyID":"123456789","parcelID":"07444-3-127"}"#)
        let all: [RegistryUpdate] = [
            update, .applyMarriageRegistration(registrationNumber: "KH-09187-2019-000123"),
            .registerDeath(husband, date: Self.weddingDay, communeCode: "09187"),
            .convertLandOwner(parcelID: "07444-3-127", legacyID: legacy), .convertInsuranceHolder(husband),
        ]
        for value in all {
            #expect(try JSONDecoder().decode(RegistryUpdate.self, from: try encoder.encode(value)) == value)
        }
    }
}
