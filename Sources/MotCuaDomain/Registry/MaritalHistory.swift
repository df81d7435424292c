/// A person's marital situation as the civil-status database shows it: the newest marriage that no later
/// divorce between the same two people dissolved.
public struct MaritalHistory: Sendable, Hashable {
    /// The marriage in force according to the civil-status database, if any.
    public let currentMarriage: CivilStatusRegistration?

    public init(_ person: CitizenID, registrations: [CivilStatusRegistration]) {
        let marriages = registrations.filter { $0.kind == .marriage && $0.parties.contains { $0.citizenID == person } }
        let divorces = registrations.filter { $0.kind == .divorce && $0.parties.contains { $0.citizenID == person } }
        currentMarriage = marriages.sorted { $0.date < $1.date }.last { marriage in
            let couple = Set(marriage.parties.map(\.citizenID))
            return !divorces.contains { $0.date >= marriage.date && Set($0.parties.map(\.citizenID)) == couple }
        }
    }

    /// The spouse named in the current marriage.
    public func spouse(of person: CitizenID) -> CitizenID? {
        currentMarriage?.parties.first { $0.citizenID != person }?.citizenID
    }
}
