import MotCuaDomain
import MotCuaRegistrySandbox

/// Registries shared by the read-only suites; generated once per test process.
enum RegistryFixtures {
    /// Default rates, big enough for the planted rates to be measured within a few tenths of a percent.
    static let registry = RegistryGenerator(seed: 20_250_701, people: 60_000).generate()
    /// No planted inconsistencies: every cross-database rule must hold exactly.
    static let clean = RegistryGenerator(seed: 99, people: 20_000, rates: .none).generate()

    /// Every person, in registry order.
    static func everyone(_ registry: NationalRegistry) -> [PopulationRecord] {
        (0..<registry.personCount).map { registry.person(at: $0)! }
    }

    /// Every civil-status registration.
    static func registrations(_ registry: NationalRegistry) -> [CivilStatusRegistration] {
        (0..<registry.civilStatusCount).map { registry.civilStatusRegistration(at: $0)! }
    }

    /// Marriages between two living people that no divorce dissolved: the ones profiles must reflect.
    static func standingMarriages(_ registry: NationalRegistry) -> [CivilStatusRegistration] {
        let all = registrations(registry)
        let divorces = Set(all.filter { $0.kind == .divorce }.map { [$0.party(.husband), $0.party(.wife)] })
        return all.filter { registration in
            guard registration.kind == .marriage, let husband = registration.party(.husband),
                let wife = registration.party(.wife), !divorces.contains([husband, wife])
            else { return false }
            return registry.person(id: husband)?.deceasedOn == nil && registry.person(id: wife)?.deceasedOn == nil
        }
    }

    /// Whether both profiles show the marriage: married, each naming the other.
    static func profilesShow(_ marriage: CivilStatusRegistration, in registry: NationalRegistry) -> Bool {
        guard let husbandID = marriage.party(.husband), let wifeID = marriage.party(.wife),
            let husband = registry.person(id: husbandID), let wife = registry.person(id: wifeID)
        else { return false }
        return husband.maritalStatus == .married && wife.maritalStatus == .married && husband.spouseID == wifeID
            && wife.spouseID == husbandID
    }
}
