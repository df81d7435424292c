import MotCuaDomain
import MotCuaRegistrySandbox
import Testing

@Suite("Registry updates (two-way sharing)")
struct RegistryUpdateTests {
    /// A fresh registry per test, so updates never leak between tests.
    static func fresh() -> NationalRegistry { RegistryGenerator(seed: 31, people: 8_000).generate() }

    static func singles(_ registry: NationalRegistry, sex: Sex, bornBefore year: Int) -> [PopulationRecord] {
        (0..<registry.personCount).compactMap { registry.person(at: $0) }.filter {
            $0.sex == sex && $0.maritalStatus == .single && $0.deceasedOn == nil && $0.dateOfBirth.year < year
        }
    }

    @Test("Registering a marriage creates the registration and links both profiles")
    func registersMarriage() throws {
        let registry = Self.fresh()
        let husband = try #require(Self.singles(registry, sex: .male, bornBefore: 2000).first)
        let wife = try #require(Self.singles(registry, sex: .female, bornBefore: 2000).first)
        let date = LocalDate(year: 2026, month: 3, day: 8)!
        let before = registry.civilStatusCount
        let registration = try #require(
            try registry.apply(.registerMarriage(husband: husband.citizenID, wife: wife.citizenID, date: date, communeCode: "09187")))
        #expect(registration.kind == .marriage)
        #expect(registration.registrationNumber.hasPrefix("KH-09187-2026-"))
        #expect(registry.civilStatusCount == before + 1)
        #expect(registry.civilStatusRegistration(number: registration.registrationNumber) == registration)
        #expect(registry.person(id: husband.citizenID)?.spouseID == wife.citizenID)
        #expect(registry.person(id: wife.citizenID)?.spouseID == husband.citizenID)
        #expect(registry.person(id: wife.citizenID)?.maritalStatus == .married)
        #expect(registry.civilStatus(for: husband.citizenID).contains(registration))
        #expect(registry.civilStatus(for: wife.citizenID).contains(registration))
        // A second registration for either of them is refused.
        let other = try #require(Self.singles(registry, sex: .female, bornBefore: 2000).first)
        #expect(throws: RegistryUpdateError(.alreadyMarried(.husband))) {
            try registry.apply(.registerMarriage(husband: husband.citizenID, wife: other.citizenID, date: date, communeCode: "09187"))
        }
    }

    @Test("Marriages that break the law or the data are refused with the rule")
    func refusesInvalidMarriages() throws {
        let registry = Self.fresh()
        let man = try #require(Self.singles(registry, sex: .male, bornBefore: 2000).first)
        let woman = try #require(Self.singles(registry, sex: .female, bornBefore: 2000).first)
        let boy = try #require(Self.singles(registry, sex: .male, bornBefore: 2030).first { $0.dateOfBirth.year >= 2010 })
        let date = LocalDate(year: 2026, month: 3, day: 8)!
        let unknown = try CitizenID("096199999999")
        #expect(throws: RegistryUpdateError(.personNotFound(unknown))) {
            try registry.apply(.registerMarriage(husband: unknown, wife: woman.citizenID, date: date, communeCode: "09187"))
        }
        #expect(throws: RegistryUpdateError(.samePerson)) {
            try registry.apply(.registerMarriage(husband: man.citizenID, wife: man.citizenID, date: date, communeCode: "09187"))
        }
        #expect(throws: RegistryUpdateError(.sexMismatch(.husband))) {
            try registry.apply(.registerMarriage(husband: woman.citizenID, wife: man.citizenID, date: date, communeCode: "09187"))
        }
        #expect(throws: RegistryUpdateError(.underAge(.husband, minimum: 20))) {
            try registry.apply(.registerMarriage(husband: boy.citizenID, wife: woman.citizenID, date: date, communeCode: "09187"))
        }
        #expect(throws: RegistryUpdateError(.unknownCommune("01001"))) {
            try registry.apply(.registerMarriage(husband: man.citizenID, wife: woman.citizenID, date: date, communeCode: "01001"))
        }
        #expect(throws: RegistryUpdateError(.dateOutOfRange)) {
            try registry.apply(
                .registerMarriage(
                    husband: man.citizenID, wife: woman.citizenID, date: LocalDate(year: 1925, month: 1, day: 1)!, communeCode: "09187"))
        }
        // Nothing was applied by the refused updates.
        #expect(registry.person(id: man.citizenID) == man)
        #expect(registry.person(id: woman.citizenID) == woman)
    }

    @Test("Applying a lagging marriage registration repairs both profiles, once")
    func repairsLaggingMarriage() throws {
        let registry = RegistryGenerator(
            seed: 31, people: 8_000,
            rates: InconsistencyRates(marriageNotPropagated: 0.5, landOwnerByLegacyID: 0.25, insuranceByLegacyID: 0.02)
        ).generate()
        let lagging = RegistryFixtures.standingMarriages(registry).filter { !RegistryFixtures.profilesShow($0, in: registry) }
        #expect(lagging.count > 50)
        for marriage in lagging {
            try registry.apply(.applyMarriageRegistration(registrationNumber: marriage.registrationNumber))
            #expect(RegistryFixtures.profilesShow(marriage, in: registry))
        }
        #expect(throws: RegistryUpdateError(.alreadyApplied)) {
            try registry.apply(.applyMarriageRegistration(registrationNumber: lagging[0].registrationNumber))
        }
        #expect(RegistryConsistencyTests.familyRuleViolations(registry).isEmpty)
        #expect(throws: RegistryUpdateError(.registrationNotFound("KH-09187-1999-999999"))) {
            try registry.apply(.applyMarriageRegistration(registrationNumber: "KH-09187-1999-999999"))
        }
        let birth = try #require(RegistryFixtures.registrations(registry).first { $0.kind == .birth })
        #expect(throws: RegistryUpdateError(.notAMarriage(birth.registrationNumber))) {
            try registry.apply(.applyMarriageRegistration(registrationNumber: birth.registrationNumber))
        }
        let divorce = try #require(RegistryFixtures.registrations(registry).first { $0.kind == .divorce })
        let dissolved = try #require(RegistryFixtures.registrations(registry).first {
            $0.kind == .marriage && $0.party(.husband) == divorce.party(.husband) && $0.party(.wife) == divorce.party(.wife)
        })
        #expect(throws: RegistryUpdateError(.dissolvedByDivorce(dissolved.registrationNumber))) {
            try registry.apply(.applyMarriageRegistration(registrationNumber: dissolved.registrationNumber))
        }
    }

    @Test("Registering a death marks the person deceased and widows the spouse")
    func registersDeath() throws {
        let registry = Self.fresh()
        let person = try #require((0..<registry.personCount).compactMap { registry.person(at: $0) }.first {
            $0.maritalStatus == .married && $0.spouseID != nil && $0.deceasedOn == nil
                && registry.person(id: $0.spouseID!)?.spouseID == $0.citizenID
        })
        let date = LocalDate(year: 2026, month: 2, day: 1)!
        let registration = try #require(try registry.apply(.registerDeath(person.citizenID, date: date, communeCode: "07444")))
        #expect(registration.kind == .death && registration.party(.deceased) == person.citizenID)
        #expect(registry.person(id: person.citizenID)?.deceasedOn == date)
        #expect(registry.person(id: person.spouseID!)?.maritalStatus == .widowed)
        #expect(throws: RegistryUpdateError(.deceased(.deceased))) {
            try registry.apply(.registerDeath(person.citizenID, date: date, communeCode: "07444"))
        }
    }

    @Test("A land owner recorded by old ID is converted to the citizen ID, once")
    func convertsLandOwner() throws {
        let registry = Self.fresh()
        let parcel = try #require((0..<registry.landParcelCount).compactMap { registry.landParcel(at: $0) }
            .first { $0.owners.contains { if case .legacyID = $0 { true } else { false } } })
        guard case .legacyID(let legacy) = parcel.owners.first(where: { if case .legacyID = $0 { true } else { false } }) else {
            return
        }
        let owner = try #require(registry.person(legacyID: legacy))
        try registry.apply(.convertLandOwner(parcelID: parcel.parcelID, legacyID: legacy))
        let converted = try #require(registry.landParcel(id: parcel.parcelID))
        #expect(converted.owners.contains(.citizenID(owner.citizenID)))
        #expect(!converted.owners.contains(.legacyID(legacy)))
        #expect(registry.landParcels(legacyOwner: legacy).isEmpty || !registry.landParcels(legacyOwner: legacy).contains(converted))
        #expect(registry.landParcels(owner: owner.citizenID).contains(converted))
        #expect(throws: RegistryUpdateError(.ownerNotOnParcel)) {
            try registry.apply(.convertLandOwner(parcelID: parcel.parcelID, legacyID: legacy))
        }
        #expect(throws: RegistryUpdateError(.parcelNotFound("09187-900-1"))) {
            try registry.apply(.convertLandOwner(parcelID: "09187-900-1", legacyID: legacy))
        }
    }

    @Test("An insurance record keyed by old ID is re-keyed to the citizen ID, once")
    func convertsInsurance() throws {
        let registry = Self.fresh()
        let holder = try #require((0..<registry.personCount).compactMap { registry.person(at: $0) }.first {
            registry.insurance(for: $0.citizenID).map { $0.holderID == nil } ?? false
        })
        try registry.apply(.convertInsuranceHolder(holder.citizenID))
        #expect(registry.insurance(for: holder.citizenID)?.holderID == holder.citizenID)
        #expect(registry.insurance(legacyID: holder.legacyID!) == nil)
        #expect(throws: RegistryUpdateError(.alreadyApplied)) { try registry.apply(.convertInsuranceHolder(holder.citizenID)) }
    }

    @Test("Concurrent updates and reads stay whole: each person marries exactly once")
    func concurrentUpdatesAreAtomic() async throws {
        let registry = Self.fresh()
        let men = Array(Self.singles(registry, sex: .male, bornBefore: 2000).prefix(20))
        let women = Array(Self.singles(registry, sex: .female, bornBefore: 2000).prefix(20))
        let date = LocalDate(year: 2026, month: 5, day: 1)!
        // Every man proposes to every woman at once; only consistent pairings may succeed.
        let successes = await withTaskGroup(of: Int.self) { group in
            for man in men {
                for woman in women {
                    group.addTask {
                        _ = registry.person(id: woman.citizenID)
                        let update = RegistryUpdate.registerMarriage(
                            husband: man.citizenID, wife: woman.citizenID, date: date, communeCode: "09367")
                        return (try? registry.apply(update)) == nil ? 0 : 1
                    }
                }
            }
            return await group.reduce(0, +)
        }
        #expect(successes == min(men.count, women.count))
        for man in men {
            let record = try #require(registry.person(id: man.citizenID))
            let spouse = try #require(record.spouseID)
            #expect(registry.person(id: spouse)?.spouseID == man.citizenID)
        }
    }
}
