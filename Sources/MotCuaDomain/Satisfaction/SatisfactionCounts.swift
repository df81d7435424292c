import Foundation

/// What the platform counted for group 5 over one unit and period: the petitions received in the period and
/// how they were handled, and the dossiers received in the period that drew a PAKN or a dislike.
public struct SatisfactionCounts: Sendable, Hashable {
    public var petitions = 0
    public var byCategory: [PetitionCategory: Int] = [:]
    /// Handled on time so far (5.2).
    public var onTime = 0
    /// Whose filer said the answer did not satisfy them (5.3).
    public var dissatisfied = 0
    /// Dossiers received in the period with a PAKN about them or a dislike rating (5.4).
    public var complainedDossiers = 0

    public init() {}

    public var overdue: Int { petitions - onTime }

    /// Adds one petition's facts.
    public mutating func count(_ petition: Petition, at now: Date) {
        petitions += 1
        byCategory[petition.category, default: 0] += 1
        if petition.isOnTime(at: now) { onTime += 1 }
        if petition.satisfied == false { dissatisfied += 1 }
    }

    /// Indicators 5.1–5.4 from these counts and the dossier counts of the same unit and period.
    public func inputs(dossiers: IndexCounts, rules: SatisfactionRules) -> [String: IndicatorInput] {
        let parts = PetitionCategory.allCases.map { (rules.label(of: $0), byCategory[$0] ?? 0) }
        return [
            "5.1": .breakdown(
                total: petitions, partsVi: parts.map { "\($0.0.vi): \($0.1)" }.joined(separator: "; "),
                partsEn: parts.map { "\($0.0.en): \($0.1)" }.joined(separator: "; ")),
            "5.2": .rate(numerator: onTime, denominator: petitions),
            "5.3": .rate(numerator: max(0, petitions - dissatisfied - overdue), denominator: petitions),
            "5.4": .satisfaction(overdue: dossiers.overdue, complained: complainedDossiers, total: dossiers.received),
        ]
    }
}
