import Foundation
import MotCuaDomain
import MotCuaRegistrySandbox
import Testing

@Suite("Registry look-ups")
struct RegistryLookupTests {
    let registry = RegistryFixtures.registry

    @Test("Every sampled person is found by citizen ID and, where they have one, by old ID")
    func findsByBothIDs() {
        for position in stride(from: 0, to: registry.personCount, by: 37) {
            let person = registry.person(at: position)!
            #expect(registry.person(id: person.citizenID) == person)
            if let legacy = person.legacyID { #expect(registry.person(legacyID: legacy) == person) }
        }
    }

    @Test("Unknown numbers find nothing")
    func unknownNumbersFindNothing() throws {
        let unknown = try CitizenID("096199999999")
        #expect(registry.person(id: unknown) == nil)
        #expect(registry.civilStatus(for: unknown).isEmpty)
        #expect(registry.insurance(for: unknown) == nil)
        #expect(registry.landParcels(owner: unknown).isEmpty)
        #expect(registry.tax(for: unknown) == nil)
        #expect(registry.businesses(owner: unknown).isEmpty)
        #expect(registry.person(legacyID: LegacyID("000000001")!) == nil)
        #expect(registry.civilStatusRegistration(number: "KH-09187-2019-999999") == nil)
        #expect(registry.civilStatusRegistration(number: "garbage") == nil)
        #expect(registry.landParcel(id: "09187-999-1") == nil)
        #expect(registry.landParcel(id: "00000-1-1") == nil)
    }

    @Test("Land held under an old ID is found from the citizen ID and from the old ID")
    func findsLandByOldID() throws {
        let parcel = try #require(
            (0..<registry.landParcelCount).lazy.compactMap { self.registry.landParcel(at: $0) }
                .first { $0.owners.contains { if case .legacyID = $0 { true } else { false } } })
        guard case .legacyID(let legacy) = parcel.owners.first(where: { if case .legacyID = $0 { true } else { false } })
        else { return }
        let owner = try #require(registry.person(legacyID: legacy))
        #expect(registry.landParcels(owner: owner.citizenID).contains(parcel))
        #expect(registry.landParcels(legacyOwner: legacy).contains(parcel))
        #expect(registry.landParcel(id: parcel.parcelID) == parcel)
    }

    @Test("Every parcel is found by its ID and from each of its owners")
    func findsEveryParcel() {
        for position in stride(from: 0, to: registry.landParcelCount, by: 11) {
            let parcel = registry.landParcel(at: position)!
            #expect(registry.landParcel(id: parcel.parcelID) == parcel)
            #expect(parcel.areaSquareMetres > 0)
            for owner in parcel.owners {
                switch owner {
                case .citizenID(let id): #expect(registry.landParcels(owner: id).contains(parcel))
                case .legacyID(let id): #expect(registry.landParcels(legacyOwner: id).contains(parcel))
                }
            }
        }
    }

    @Test("Insurance keyed by an old ID is found from the citizen ID, marked, and from the old ID")
    func findsInsuranceByOldID() throws {
        let people = (0..<registry.personCount).lazy.compactMap { self.registry.person(at: $0) }
        let holder = try #require(people.first { self.registry.insurance(for: $0.citizenID)?.holderID == nil && $0.legacyID != nil
            && self.registry.insurance(for: $0.citizenID) != nil })
        let record = try #require(registry.insurance(for: holder.citizenID))
        #expect(record.holderLegacyID == holder.legacyID)
        #expect(registry.insurance(legacyID: holder.legacyID!) == record)
        let converted = try #require(people.first { self.registry.insurance(for: $0.citizenID)?.holderID != nil && $0.legacyID != nil })
        #expect(registry.insurance(legacyID: converted.legacyID!) == nil)
    }

    @Test("Insurance numbers have 10 digits, are unique, and cards are valid on the reference date for most")
    func insuranceIsWellFormed() {
        var numbers = Set<String>()
        var valid = 0
        var insured = 0
        for position in stride(from: 0, to: registry.personCount, by: 3) {
            let person = registry.person(at: position)!
            guard let record = registry.insurance(for: person.citizenID) else { continue }
            insured += 1
            #expect(record.socialInsuranceNumber.count == 10 && record.socialInsuranceNumber.allSatisfy(\.isNumber))
            numbers.insert(record.socialInsuranceNumber)
            #expect((1...5).contains(record.benefitLevel))
            #expect(record.validFrom <= record.validUntil)
            if record.isValid(on: registry.referenceDate) { valid += 1 }
        }
        #expect(numbers.count == insured)
        #expect(Double(valid) / Double(insured) > 0.9)
    }

    @Test("A person's civil status lists their own registrations in date order")
    func civilStatusIsOrdered() throws {
        let people = (0..<registry.personCount).lazy.compactMap { self.registry.person(at: $0) }
        let married = try #require(people.first { $0.maritalStatus == .married && $0.dateOfBirth.year >= 1975 && $0.spouseID != nil
            && self.registry.civilStatus(for: $0.citizenID).contains { $0.kind == .marriage } })
        let registrations = registry.civilStatus(for: married.citizenID)
        #expect(registrations.map(\.date) == registrations.map(\.date).sorted())
        let marriage = try #require(registrations.first { $0.kind == .marriage })
        #expect([marriage.party(.husband), marriage.party(.wife)].contains(married.spouseID))
    }

    @Test("Tax codes are the citizen ID; household businesses are found by their owner")
    func findsTaxAndBusinesses() throws {
        var taxed = 0
        for position in stride(from: 0, to: registry.personCount, by: 13) {
            let person = registry.person(at: position)!
            if let tax = registry.tax(for: person.citizenID) {
                taxed += 1
                #expect(tax.taxCode == person.citizenID.value)
                #expect(tax.legacyTaxCode.map { $0.count == 10 } ?? true)
            }
        }
        #expect(taxed > 0)
        #expect(registry.businessCount > 0)
        for position in 0..<min(registry.businessCount, 200) {
            let business = registry.business(at: position)!
            #expect(registry.businesses(owner: business.ownerID).contains(business))
            #expect(registry.person(id: business.ownerID)?.deceasedOn == nil)
        }
    }

    @Test("Household members are found from any member")
    func findsHouseholdMembers() {
        let person = registry.person(at: 1_234)!
        let members = registry.householdMembers(of: person.citizenID)
        #expect(members.contains(person))
        #expect(members.allSatisfy { $0.householdID == person.householdID })
        #expect(members.contains { $0.citizenID == person.householdHeadID })
    }

    @Test("Records encode with stable camelCase keys, old IDs as plain strings, and decode back")
    func recordsRoundTripThroughJSON() throws {
        let people = (0..<registry.personCount).lazy.compactMap { self.registry.person(at: $0) }
        let person = try #require(people.first { $0.legacyID != nil && $0.spouseID != nil })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(person)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["legacyID"] as? String == person.legacyID?.value)
        #expect(json["citizenID"] as? String == person.citizenID.value)
        #expect(json["dateOfBirth"] as? String == person.dateOfBirth.description)
        #expect(json["maritalStatus"] as? String == "married")
        #expect(Set(json.keys).isSuperset(of: ["fullName", "sex", "birthplace", "nativePlace", "permanentAddress", "currentAddress",
                                               "householdID", "householdHeadID", "spouseID"]))
        #expect(try JSONDecoder().decode(PopulationRecord.self, from: data) == person)

        let parcel = try #require((0..<registry.landParcelCount).lazy.compactMap { self.registry.landParcel(at: $0) }
            .first { $0.owners.contains { if case .legacyID = $0 { true } else { false } } })
        let parcelData = try encoder.encode(parcel)
        #expect(String(decoding: parcelData, as: UTF8.self).contains("\"legacyID\":\""))
        #expect(try JSONDecoder().decode(LandParcel.self, from: parcelData) == parcel)
        let insurance = try #require(registry.insurance(for: person.citizenID) ?? registry.insurance(for: person.spouseID!))
        #expect(try JSONDecoder().decode(InsuranceRecord.self, from: encoder.encode(insurance)) == insurance)
    }
}
