import Foundation
import MotCuaDomain
import MotCuaRegistrySandbox
import Testing

@Suite("Registry generation")
struct RegistryGeneratorTests {
    @Test("The same seed and size give the same registry; another seed gives another")
    func isDeterministic() {
        let first = RegistryGenerator(seed: 7, people: 3_000).generate()
        let second = RegistryGenerator(seed: 7, people: 3_000).generate()
        let other = RegistryGenerator(seed: 8, people: 3_000).generate()
        #expect(first.personCount == 3_000)
        #expect(RegistryFixtures.everyone(first) == RegistryFixtures.everyone(second))
        #expect(RegistryFixtures.registrations(first) == RegistryFixtures.registrations(second))
        #expect((0..<first.landParcelCount).map { first.landParcel(at: $0) } == (0..<second.landParcelCount).map { second.landParcel(at: $0) })
        let differing = (0..<3_000).filter { first.person(at: $0) != other.person(at: $0) }.count
        #expect(differing > 2_900)
    }

    @Test("A registry spanning several chunks is deterministic too, whatever the threads do")
    func isDeterministicAcrossChunks() {
        let first = RegistryGenerator(seed: 11, people: 120_001).generate()
        let second = RegistryGenerator(seed: 11, people: 120_001).generate()
        #expect(first.personCount == 120_001)
        for position in stride(from: 0, to: 120_001, by: 997) {
            #expect(first.person(at: position) == second.person(at: position))
        }
        #expect(first.civilStatusCount == second.civilStatusCount)
        #expect(first.landParcelCount == second.landParcelCount)
        #expect(first.businessCount == second.businessCount)
    }

    @Test("Every citizen ID is structurally valid and agrees with the person's sex and year of birth")
    func idsAreValid() throws {
        let people = RegistryFixtures.everyone(RegistryFixtures.registry)
        var ids = Set<CitizenID>()
        var legacy = Set<String>()
        for person in people {
            _ = try CitizenID(person.citizenID.value, sex: person.sex, birthYear: person.dateOfBirth.year)
            ids.insert(person.citizenID)
            if let old = person.legacyID {
                #expect(old.value.count == 9)
                legacy.insert(old.value)
            }
        }
        #expect(ids.count == people.count)
        #expect(legacy.count == people.filter { $0.legacyID != nil }.count)
        let local = people.filter { [24, 27].contains($0.citizenID.placeCode) }.count
        #expect(Double(local) / Double(people.count) > 0.8)
        #expect(people.contains { ![24, 27].contains($0.citizenID.placeCode) })
        // Old IDs belong to older people: nobody born after 2002 has one.
        #expect(!people.contains { $0.legacyID != nil && $0.dateOfBirth.year > 2002 })
        let olderWithLegacy = people.filter { $0.dateOfBirth.year <= 1990 && $0.legacyID != nil }.count
        let older = people.filter { $0.dateOfBirth.year <= 1990 }.count
        #expect(Double(olderWithLegacy) / Double(older) > 0.6)
    }

    @Test("Birth years span 1930–2025 with a plausible age pyramid and sex ratio")
    func agePyramidIsPlausible() {
        let people = RegistryFixtures.everyone(RegistryFixtures.registry)
        let living = people.filter { $0.deceasedOn == nil }
        #expect(people.allSatisfy { (1930...2025).contains($0.dateOfBirth.year) })
        func share(_ predicate: (PopulationRecord) -> Bool) -> Double { Double(living.filter(predicate).count) / Double(living.count) }
        let children = share { $0.dateOfBirth.year > 2007 }
        let elderly = share { $0.dateOfBirth.year < 1966 }
        #expect((0.18...0.36).contains(children), "under 18: \(children)")
        #expect((0.07...0.25).contains(elderly), "60 and over: \(elderly)")
        let men = share { $0.sex == .male }
        #expect((0.46...0.54).contains(men), "men: \(men)")
        let deceased = Double(people.count - living.count) / Double(people.count)
        #expect((0.01...0.08).contains(deceased), "deceased: \(deceased)")
    }

    @Test("Names follow the surname shares and gendered middle names")
    func namesAreRealistic() {
        let people = RegistryFixtures.everyone(RegistryFixtures.registry).filter { $0.dateOfBirth.year < 1990 }
        let nguyen = Double(people.filter { $0.fullName.hasPrefix("Nguyễn ") }.count) / Double(people.count)
        #expect((0.33...0.44).contains(nguyen), "Nguyễn: \(nguyen)")
        let names = people.map { VietnameseName($0.fullName) }
        #expect(!zip(people, names).contains { $0.sex == .male && $1.middleNames.contains("Thị") })
        #expect(!zip(people, names).contains { $0.sex == .female && $1.middleNames.contains("Văn") })
        let thi = zip(people, names).filter { $0.sex == .female && $1.middleNames.first == "Thị" }.count
        #expect(Double(thi) / Double(people.filter { $0.sex == .female }.count) > 0.45)
        #expect(people.allSatisfy { $0.fullName == $0.fullName.precomposedStringWithCanonicalMapping })
    }

    @Test("Addresses are in Bắc Ninh's 99 communes and households have 1–7 members")
    func householdsAreWellFormed() {
        let registry = RegistryFixtures.registry
        let codes = Set(Commune.bacNinh.map(\.code))
        #expect(codes.count == 99)
        var households: [String: [PopulationRecord]] = [:]
        for person in RegistryFixtures.everyone(registry) {
            #expect(codes.contains(person.permanentAddress.communeCode))
            #expect(codes.contains(person.currentAddress.communeCode))
            #expect(person.permanentAddress.text.hasSuffix("Tỉnh Bắc Ninh"))
            households[person.householdID, default: []].append(person)
        }
        #expect(households.count == registry.householdCount)
        #expect(Set(households.values.map { $0.count }).isSubset(of: Set(1...7)))
        #expect(households.values.contains { $0.count >= 5 })
        #expect(Set(households.values.flatMap { $0.map(\.permanentAddress.communeCode) }).count == 99)
        for members in households.values {
            let head = members[0].householdHeadID
            #expect(members.allSatisfy { $0.householdHeadID == head })
            #expect(members.contains { $0.citizenID == head && $0.deceasedOn == nil })
        }
    }
}
