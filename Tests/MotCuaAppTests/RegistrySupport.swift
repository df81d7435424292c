import Foundation
import MotCuaDomain
import MotCuaRegistrySandbox

/// People of the test sandbox chosen by what their records show, so tests do not depend on one seed's data.
enum RegistryPeople {
    /// One registry for all app tests: generating it costs milliseconds, serving it is per test.
    static let registry = RegistryGenerator(seed: 3, people: 2_000).generate()

    static func first(where predicate: (PopulationRecord) -> Bool) -> PopulationRecord {
        var position = 0
        while let person = registry.person(at: position) {
            if predicate(person) { return person }
            position += 1
        }
        fatalError("the test registry has no such person")
    }

    static func age(_ person: PopulationRecord) -> Int { registry.referenceDate.year - person.dateOfBirth.year }

    /// A living adult, single in the register and in the civil-status database.
    static var singleAdult: PopulationRecord {
        first { $0.deceasedOn == nil && age($0) >= 25 && $0.maritalStatus == .single
            && MaritalHistory($0.citizenID, registrations: registry.civilStatus(for: $0.citizenID)).currentMarriage == nil }
    }

    /// A living adult whose registered marriage is missing from the population profile.
    static var marriageMissingFromProfile: PopulationRecord {
        first { $0.deceasedOn == nil && $0.maritalStatus == .single
            && MaritalHistory($0.citizenID, registrations: registry.civilStatus(for: $0.citizenID)).currentMarriage != nil }
    }

    /// A living adult with a valid health-insurance card under the citizen ID.
    static var insured: PopulationRecord {
        first { $0.deceasedOn == nil && age($0) >= 18 && registry.insurance(for: $0.citizenID)?.isValid(on: registry.referenceDate) == true }
    }

    /// A structurally valid citizen ID that is in no register.
    static let unknownID = "001099012345"

    /// The chip-card QR text for a person, as a scanner types it.
    static func qr(_ p: PopulationRecord) -> String {
        let dob = p.dateOfBirth.vietnamese.replacingOccurrences(of: "/", with: "")
        return "\(p.citizenID.value)|\(p.legacyID?.value ?? "")|\(p.fullName)|\(dob)|\(p.sex == .male ? "Nam" : "Nữ")|\(p.permanentAddress.text)|01012022"
    }
}
