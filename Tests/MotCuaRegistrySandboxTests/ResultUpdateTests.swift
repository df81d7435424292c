import MotCuaDomain
import MotCuaRegistrySandbox
import Testing

/// The updates the platform's own signed results send: a divorce to the civil-status and population databases,
/// a land certificate to the land database.
@Suite("Registry updates from signed results: divorce and land")
struct ResultUpdateTests {
    static func couple(_ registry: NationalRegistry) throws -> (husband: PopulationRecord, wife: PopulationRecord) {
        let husband = try #require((0..<registry.personCount).compactMap { registry.person(at: $0) }.first {
            $0.sex == .male && $0.maritalStatus == .married && $0.deceasedOn == nil && $0.spouseID.flatMap { registry.person(id: $0) }.map {
                $0.spouseID != nil && $0.maritalStatus == .married && $0.deceasedOn == nil
            } == true
        })
        let wife = try #require(husband.spouseID.flatMap { registry.person(id: $0) })
        #expect(wife.spouseID == husband.citizenID)
        return (husband, wife)
    }

    @Test("A divorce is registered; both become divorced with no spouse, and may marry again")
    func registersDivorce() throws {
        let registry = RegistryUpdateTests.fresh()
        let (husband, wife) = try Self.couple(registry)
        let date = LocalDate(year: 2026, month: 9, day: 15)!
        let before = registry.civilStatusCount
        let registration = try #require(
            try registry.apply(
                .registerDivorce(husband: husband.citizenID, wife: wife.citizenID, date: date, decision: "12/2026/QĐST-HNGĐ", communeCode: "09187")))
        #expect(registration.kind == .divorce && registration.registrationNumber.hasPrefix("LH-09187-2026-"), "\(registration)")
        #expect(registration.party(.husband) == husband.citizenID && registration.party(.wife) == wife.citizenID)
        #expect(registry.civilStatusCount == before + 1)
        for id in [husband.citizenID, wife.citizenID] {
            let profile = try #require(registry.person(id: id))
            #expect(profile.maritalStatus == .divorced && profile.spouseID == nil)
            #expect(registry.civilStatus(for: id).contains(registration))
            #expect(MaritalHistory(id, registrations: registry.civilStatus(for: id)).currentMarriage == nil)
        }
        // The same divorce again (another request id) finds them no longer married to each other.
        #expect(throws: RegistryUpdateError(.notMarriedToEachOther)) {
            try registry.apply(
                .registerDivorce(husband: husband.citizenID, wife: wife.citizenID, date: date, decision: "12/2026/QĐST-HNGĐ", communeCode: "09187"))
        }
        // A later marriage's check sees the divorce: the husband may marry someone else.
        let other = try #require(RegistryUpdateTests.singles(registry, sex: .female, bornBefore: 2000).first)
        let marriage = try registry.apply(
            .registerMarriage(husband: husband.citizenID, wife: other.citizenID, date: LocalDate(year: 2026, month: 11, day: 2)!, communeCode: "09187"))
        #expect(marriage?.kind == .marriage && registry.person(id: husband.citizenID)?.spouseID == other.citizenID)
    }

    @Test("A divorce of two people not married to each other, or dated impossibly, is refused and changes nothing")
    func refusesInvalidDivorces() throws {
        let registry = RegistryUpdateTests.fresh()
        let (husband, wife) = try Self.couple(registry)
        let single = try #require(RegistryUpdateTests.singles(registry, sex: .female, bornBefore: 2000).first)
        let date = LocalDate(year: 2026, month: 9, day: 15)!
        #expect(throws: RegistryUpdateError(.notMarriedToEachOther)) {
            try registry.apply(.registerDivorce(husband: husband.citizenID, wife: single.citizenID, date: date, decision: "1/2026", communeCode: "09187"))
        }
        #expect(throws: RegistryUpdateError(.samePerson)) {
            try registry.apply(.registerDivorce(husband: husband.citizenID, wife: husband.citizenID, date: date, decision: "1/2026", communeCode: "09187"))
        }
        #expect(throws: RegistryUpdateError(.unknownCommune("01001"))) {
            try registry.apply(.registerDivorce(husband: husband.citizenID, wife: wife.citizenID, date: date, decision: "1/2026", communeCode: "01001"))
        }
        let wedding = MaritalHistory(husband.citizenID, registrations: registry.civilStatus(for: husband.citizenID)).currentMarriage?.date
        if let wedding {
            #expect(throws: RegistryUpdateError(.beforeMarriage)) {
                try registry.apply(
                    .registerDivorce(husband: husband.citizenID, wife: wife.citizenID, date: wedding.adding(days: -1), decision: "1/2026", communeCode: "09187"))
            }
        }
        #expect(registry.person(id: husband.citizenID) == husband && registry.person(id: wife.citizenID) == wife)
        #expect(registry.person(id: single.citizenID) == single)
    }

    @Test("A land certificate names the parcel's holder by citizen ID, with its area and use; again, nothing changes")
    func updatesLandParcel() throws {
        let registry = RegistryUpdateTests.fresh()
        let parcel = try #require(registry.landParcel(at: 10))
        let buyer = try #require(RegistryUpdateTests.singles(registry, sex: .female, bornBefore: 2000).first {
            registry.landParcels(owner: $0.citizenID).isEmpty
        })
        let update = RegistryUpdate.updateLandParcel(parcelID: parcel.parcelID, holder: buyer.citizenID, areaSquareMetres: 152.5, use: .perennialCrops)
        try registry.apply(update)
        let after = try #require(registry.landParcel(id: parcel.parcelID))
        #expect(after.owners == [.citizenID(buyer.citizenID)] && after.areaSquareMetres == 152.5 && after.use == .perennialCrops)
        #expect(registry.landParcels(owner: buyer.citizenID).map(\.parcelID) == [parcel.parcelID])
        // The previous holders no longer hold it.
        for case .citizenID(let previous) in parcel.owners {
            #expect(!registry.landParcels(owner: previous).contains { $0.parcelID == parcel.parcelID })
        }
        try registry.apply(update)
        #expect(registry.landParcel(id: parcel.parcelID) == after)
        #expect(registry.landParcels(owner: buyer.citizenID).count == 1)
        #expect(throws: RegistryUpdateError(.parcelNotFound("09187-900-1"))) {
            try registry.apply(.updateLandParcel(parcelID: "09187-900-1", holder: buyer.citizenID, areaSquareMetres: nil, use: nil))
        }
        #expect(throws: RegistryUpdateError(.invalidArea)) {
            try registry.apply(.updateLandParcel(parcelID: parcel.parcelID, holder: buyer.citizenID, areaSquareMetres: -3, use: nil))
        }
    }

    @Test("A holder the parcel records by old ID keeps the co-holder and is then named by citizen ID")
    func landCertificateConvertsHolder() throws {
        let registry = RegistryUpdateTests.fresh()
        let parcel = try #require((0..<registry.landParcelCount).compactMap { registry.landParcel(at: $0) }
            .first { $0.owners.count == 2 && $0.owners.contains { if case .legacyID = $0 { true } else { false } } })
        guard case .legacyID(let legacy) = parcel.owners.first(where: { if case .legacyID = $0 { true } else { false } }) else { return }
        let holder = try #require(registry.person(legacyID: legacy))
        try registry.apply(.updateLandParcel(parcelID: parcel.parcelID, holder: holder.citizenID, areaSquareMetres: nil, use: nil))
        let after = try #require(registry.landParcel(id: parcel.parcelID))
        #expect(after.owners.count == 2 && after.owners.contains(.citizenID(holder.citizenID)) && !after.owners.contains(.legacyID(legacy)))
        #expect(after.areaSquareMetres == parcel.areaSquareMetres && after.use == parcel.use)
    }
}
