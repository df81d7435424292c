import Foundation
import Logging
import MotCuaDomain
import MotCuaTestSupport
import SQLKit
import Testing

@testable import MotCuaStorage

/// The outbox hands out a request only when no older undelivered request concerns the same person, parcel or
/// registration, so that retries after an outage (jittered, so in any order) cannot reorder a person's updates.
@Suite("Registry outbox: delivery in decision order per subject")
struct RegistryOutboxOrderTests {
    @Test("A request waits while an older one about the same subject is undelivered; acceptance or refusal releases it", arguments: TestDatabase.backends)
    func heldBackBehindOlderRequests(backend: TestDatabase) async throws {
        try await backend.withStore { store in
            try await Migrator(store: store, logger: Logger(label: "test")).migrate()
            let outbox = SQLRegistryOutbox(store: store)
            let now = Date(timeIntervalSince1970: 1_796_000_000)
            let husband = try CitizenID("027090000011"), wife = try CitizenID("027190000022"), other = try CitizenID("027085000033")
            func queue(_ update: RegistryUpdate) async throws -> UUID {
                try await outbox.enqueue(update, origin: .dossier(code: "TEST-1"), agencyID: nil, requestedBy: "test", at: now)
            }
            func due(_ at: Date) async throws -> Set<UUID> { Set(try await outbox.due(at: at, limit: 50).map(\.requestID)) }
            func send(_ id: UUID, at: Date) async throws -> RegistryUpdateRequest {
                let request = try #require(try await outbox.request(id))
                return try #require(try await outbox.claim(request, at: at, leaseUntil: at.addingTimeInterval(120)))
            }

            let marriage = try await queue(.registerMarriage(husband: husband, wife: wife, date: LocalDate(year: 2026, month: 11, day: 2)!, communeCode: "09187"))
            let death = try await queue(.registerDeath(wife, date: LocalDate(year: 2026, month: 11, day: 20)!, communeCode: "09187"))
            let insurance = try await queue(.convertInsuranceHolder(other))
            let conversion = try await queue(.convertLandOwner(parcelID: "09187-12-34", legacyID: try #require(LegacyID("125000033"))))
            let transfer = try await queue(.updateLandParcel(parcelID: "09187-12-34", holder: other, areaSquareMetres: 120.5, use: nil))
            #expect(try await due(now) == [marriage, insurance, conversion])
            // Held: queued, with no due time until what they wait for is answered.
            for held in [death, transfer] {
                let request = try #require(try await outbox.request(held))
                #expect(request.state == .queued && request.nextAttemptAt == nil)
            }
            #expect(try await outbox.releaseHeld(at: now) == 0)

            // The marriage fails and is due again in a minute: the death still waits for it.
            _ = try await send(marriage, at: now)
            try await outbox.recordFailure(marriage, attempt: 1, error: "HTTP 503", retryAt: now.addingTimeInterval(60), at: now)
            #expect(try await outbox.releaseHeld(at: now.addingTimeInterval(1)) == 0)
            #expect(try await due(now.addingTimeInterval(1)) == [insurance, conversion])

            // A refusal is final and releases the parcel's next update; an acceptance releases the person's.
            _ = try await send(conversion, at: now)
            try await outbox.recordRefused(conversion, attempt: 1, reason: "parcel not found", at: now)
            #expect(try await outbox.releaseHeld(at: now.addingTimeInterval(1)) == 1)
            #expect(try await due(now.addingTimeInterval(1)) == [insurance, transfer])
            _ = try await send(marriage, at: now.addingTimeInterval(60))
            try await outbox.recordAccepted(marriage, attempt: 2, reference: "KH-09187-2026-000001", message: "ok", at: now.addingTimeInterval(61))
            #expect(try await outbox.releaseHeld(at: now.addingTimeInterval(62)) == 1)
            #expect(try await due(now.addingTimeInterval(62)) == [death, insurance, transfer])

            // Finished requests leave no keys behind.
            let keys = try await store.read { database in
                try await database.raw(
                    """
                    SELECT COUNT(*) AS n FROM registry_outbox_subjects WHERE request_id IN \
                    (\(bind: marriage.lowercasedText), \(bind: conversion.lowercasedText))
                    """
                ).first()?.decode(column: "n", as: Int.self)
            }
            #expect(keys == 0)
        }
    }
}
