import MotCuaDomain
import MotCuaRegistrySandbox
import Testing

@Suite("Cross-database consistency and planted inconsistencies")
struct RegistryConsistencyTests {
    /// Spouse links, marital statuses and parents, as the population register must keep them.
    static func familyRuleViolations(_ registry: NationalRegistry) -> [String] {
        let people = RegistryFixtures.everyone(registry)
        let byID = Dictionary(uniqueKeysWithValues: people.map { ($0.citizenID, $0) })
        var violations: [String] = []
        for person in people {
            if let spouseID = person.spouseID {
                guard let spouse = byID[spouseID] else {
                    violations.append("\(person.citizenID): spouse missing")
                    continue
                }
                if spouse.spouseID != person.citizenID { violations.append("\(person.citizenID): spouse link one-way") }
                if spouse.sex == person.sex { violations.append("\(person.citizenID): same-sex spouse") }
                switch person.maritalStatus {
                case .married where person.deceasedOn == nil && spouse.deceasedOn != nil:
                    violations.append("\(person.citizenID): married to the deceased")
                case .widowed where spouse.deceasedOn == nil:
                    violations.append("\(person.citizenID): widowed with a living spouse")
                case .single, .divorced:
                    violations.append("\(person.citizenID): \(person.maritalStatus) with a spouse")
                default: break
                }
            } else if person.maritalStatus == .married {
                violations.append("\(person.citizenID): married without a spouse")
            }
            if let fatherID = person.fatherID {
                if byID[fatherID]?.sex != .male { violations.append("\(person.citizenID): father not male") }
                if let father = byID[fatherID], father.dateOfBirth.year > person.dateOfBirth.year - 15 {
                    violations.append("\(person.citizenID): father too young")
                }
            }
            if let motherID = person.motherID {
                if byID[motherID]?.sex != .female { violations.append("\(person.citizenID): mother not female") }
                if let mother = byID[motherID], mother.dateOfBirth.year > person.dateOfBirth.year - 15 {
                    violations.append("\(person.citizenID): mother too young")
                }
            }
        }
        return violations
    }

    @Test("Without planted inconsistencies every spouse, parent and marriage rule holds")
    func cleanRegistryIsConsistent() {
        let registry = RegistryFixtures.clean
        #expect(Self.familyRuleViolations(registry).isEmpty)
        let marriages = RegistryFixtures.standingMarriages(registry)
        #expect(marriages.count > 1_000)
        #expect(marriages.allSatisfy { RegistryFixtures.profilesShow($0, in: registry) })
        for position in 0..<registry.landParcelCount {
            let parcel = registry.landParcel(at: position)!
            #expect(parcel.owners.allSatisfy { if case .citizenID = $0 { true } else { false } })
        }
    }

    @Test("Civil-status registrations agree with the profiles they name")
    func registrationsMatchProfiles() {
        let registry = RegistryFixtures.clean
        for registration in RegistryFixtures.registrations(registry) {
            switch registration.kind {
            case .birth:
                let child = registry.person(id: registration.party(.child)!)!
                #expect(child.dateOfBirth <= registration.date)
                #expect(child.fatherID == registration.party(.father))
                #expect(child.motherID == registration.party(.mother))
            case .death:
                let person = registry.person(id: registration.party(.deceased)!)!
                #expect(person.deceasedOn != nil && person.deceasedOn! <= registration.date)
            case .divorce:
                #expect(registry.person(id: registration.party(.husband)!)?.maritalStatus == .divorced)
                #expect(registry.person(id: registration.party(.wife)!)?.maritalStatus == .divorced)
            case .marriage:
                let husband = registry.person(id: registration.party(.husband)!)!
                #expect(husband.sex == .male)
                #expect(registration.date.year - husband.dateOfBirth.year >= 19)
            }
            #expect(registry.civilStatusRegistration(number: registration.registrationNumber) == registration)
        }
    }

    @Test("Planted inconsistencies occur at the configured rates, and only those break the rules")
    func plantedRatesHold() {
        let registry = RegistryFixtures.registry
        let rates = InconsistencyRates.default
        // Marriages the profiles do not (fully) show.
        let marriages = RegistryFixtures.standingMarriages(registry)
        let lagging = marriages.filter { !RegistryFixtures.profilesShow($0, in: registry) }
        let marriageRate = Double(lagging.count) / Double(marriages.count)
        #expect(abs(marriageRate - rates.marriageNotPropagated) < 0.012, "marriages: \(marriageRate) of \(marriages.count)")
        // Every family-rule violation belongs to a lagging marriage.
        let laggingPeople = Set(lagging.flatMap { [$0.party(.husband)!, $0.party(.wife)!] }.map(\.value))
        let violations = Self.familyRuleViolations(registry)
        #expect(violations.allSatisfy { laggingPeople.contains(String($0.prefix(12))) }, "\(violations.prefix(5))")

        // Land owners named by old ID, among owners who have one.
        var byLegacy = 0
        var eligible = 0
        for position in 0..<registry.landParcelCount {
            for owner in registry.landParcel(at: position)!.owners {
                switch owner {
                case .legacyID:
                    byLegacy += 1
                    eligible += 1
                case .citizenID(let id):
                    if registry.person(id: id)?.legacyID != nil { eligible += 1 }
                }
            }
        }
        let landRate = Double(byLegacy) / Double(eligible)
        #expect(abs(landRate - rates.landOwnerByLegacyID) < 0.03, "land: \(landRate) of \(eligible)")

        // Insurance records keyed by old ID, among insured holders of one.
        let insuredWithLegacy = RegistryFixtures.everyone(registry).filter { $0.legacyID != nil }
            .compactMap { registry.insurance(for: $0.citizenID) }
        let insuranceRate = Double(insuredWithLegacy.filter { $0.holderID == nil }.count) / Double(insuredWithLegacy.count)
        #expect(abs(insuranceRate - rates.insuranceByLegacyID) < 0.01, "insurance: \(insuranceRate) of \(insuredWithLegacy.count)")
    }

    @Test("Higher configured rates produce proportionally more inconsistencies")
    func ratesAreConfigurable() {
        let rates = InconsistencyRates(marriageNotPropagated: 0.2, landOwnerByLegacyID: 0.6, insuranceByLegacyID: 0.3)
        let registry = RegistryGenerator(seed: 5, people: 20_000, rates: rates).generate()
        let marriages = RegistryFixtures.standingMarriages(registry)
        let lagging = Double(marriages.filter { !RegistryFixtures.profilesShow($0, in: registry) }.count) / Double(marriages.count)
        #expect(abs(lagging - 0.2) < 0.04, "marriages: \(lagging)")
    }
}
