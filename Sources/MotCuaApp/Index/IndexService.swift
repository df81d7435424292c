import Foundation
import MotCuaDomain
import MotCuaStorage

/// Computes the Decision 766 index for a unit and period: the live counters give the counts (a small sum over
/// days × agencies, kept up to date by `IndexCounterService`), the catalogue gives the procedures for 3.1 and
/// 3.2, and `IndexEngine` turns the counts into points. The full aggregation (`repository`) lists the dossiers
/// behind a count and checks the counters (`motcua indicators check`).
struct IndexService: Sendable {
    /// Whose figures: the province, all its communes, all its departments, or one agency.
    enum Unit: Sendable, Hashable {
        case province, communes, departments
        case agency(Agency)

        var kind: String {
            switch self {
            case .province: "province"
            case .communes: "communes"
            case .departments: "departments"
            case .agency: "agency"
            }
        }

        var nameVi: String {
            switch self {
            case .province: "Toàn tỉnh"
            case .communes: "Các xã, phường"
            case .departments: "Các sở, ngành"
            case .agency(let agency): agency.nameVi
            }
        }

        var nameEn: String {
            switch self {
            case .province: "Whole province"
            case .communes: "All communes and wards"
            case .departments: "All departments"
            case .agency(let agency): agency.nameEn
            }
        }
    }

    /// One unit's index with the counts behind it.
    struct Report: Sendable {
        let unit: Unit
        let period: IndexPeriod
        let counts: IndexCounts
        let score: IndexScore
        /// Group 5's counts (petitions and ratings) of the same unit and period.
        var satisfactionCounts = SatisfactionCounts()
    }

    let repository: SQLIndexRepository
    let counters: SQLIndexCounterRepository
    let configuration: IndexConfiguration
    let reference: ReferenceData
    /// Public reads (the transparency page and its JSON) are limited per client address like `/verify`.
    let publicLimiter: VerificationRateLimiter
    let now: @Sendable () -> Date
    /// Group 5 comes from the ratings and petitions tables, beside the dossier counts.
    let satisfaction: SQLSatisfactionRepository
    let satisfactionRules: SatisfactionRules

    /// The configuration bundled with the app (`Resources/index/decision-766.json`).
    static func bundledConfiguration() throws -> IndexConfiguration {
        guard let url = Bundle.module.url(forResource: "Resources", withExtension: nil)?.appendingPathComponent("index/decision-766.json") else {
            throw ReferenceDataError(file: "Resources/index/decision-766.json", reason: "missing from the build")
        }
        return try IndexConfiguration.load(try Data(contentsOf: url), source: "Resources/index/decision-766.json")
    }

    /// The agency ids a unit covers; nil for the whole province.
    func agencyIDs(of unit: Unit) -> [String]? {
        switch unit {
        case .province: nil
        case .communes: reference.agencies.agencies.filter { $0.kind == .commune }.map(\.id)
        case .departments: reference.agencies.agencies.filter { $0.kind == .department }.map(\.id)
        case .agency(let agency): [agency.id]
        }
    }

    func report(unit: Unit, period: IndexPeriod) async throws -> Report {
        let counts = try await counters.counts(start: period.start, end: period.end, now: now(), agencies: agencyIDs(of: unit))
        let group5 = try await satisfaction.counts(start: period.start, end: period.end, now: now(), agencies: agencyIDs(of: unit))
        return Report(unit: unit, period: period, counts: counts, score: score(counts, satisfaction: group5), satisfactionCounts: group5)
    }

    /// Every agency's report for the period (agencies without dossiers too), in directory order.
    func reportsByAgency(period: IndexPeriod) async throws -> [Report] {
        let byAgency = try await counters.countsByAgency(start: period.start, end: period.end, now: now())
        let group5 = try await satisfaction.countsByAgency(start: period.start, end: period.end, now: now())
        return reference.agencies.agencies.map { agency in
            let counts = byAgency[agency.id] ?? IndexCounts()
            let satisfactionCounts = group5[agency.id] ?? SatisfactionCounts()
            return Report(
                unit: .agency(agency), period: period, counts: counts, score: score(counts, satisfaction: satisfactionCounts),
                satisfactionCounts: satisfactionCounts)
        }
    }

    func score(_ counts: IndexCounts, satisfaction: SatisfactionCounts) -> IndexScore {
        let procedures = reference.catalogue.procedures
        // Every catalogued procedure states its online level (full or partial); one without would not count.
        let online = procedures.filter { [.full, .partial].contains($0.onlineLevel) }.count
        let inputs = counts.inputs(procedures: procedures.count, proceduresOnline: online)
            .merging(satisfaction.inputs(dossiers: counts, rules: satisfactionRules)) { _, group5 in group5 }
        return IndexEngine.score(configuration, inputs: inputs)
    }
}
