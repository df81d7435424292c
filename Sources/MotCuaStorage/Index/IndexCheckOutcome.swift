import Foundation
import MotCuaDomain

/// One unit whose counts differ between the SQL aggregation and the per-dossier recount.
public struct IndexCountDifference: Sendable, CustomStringConvertible {
    public let unit: String
    public let aggregated: IndexCounts
    public let recounted: IndexCounts

    public var description: String {
        let fields = zip(Mirror(reflecting: aggregated).children, Mirror(reflecting: recounted).children).compactMap { a, b in
            "\(a.value)" == "\(b.value)" ? nil : "\(a.label ?? "?"): SQL \(a.value) ≠ recount \(b.value)"
        }
        return "\(unit): " + fields.joined(separator: "; ")
    }
}

/// The result of checking a period: how much was compared and where the two computations disagree.
public struct IndexCheckOutcome: Sendable {
    public let dossiers: Int
    public let units: Int
    public let differences: [IndexCountDifference]
}

extension SQLIndexRepository {
    /// The period's counts computed two ways, by the aggregation the API serves and by `IndexRecount` over the
    /// plainly read facts, for the province and every agency with dossiers on either side.
    public func check(period: IndexPeriod, now: Date) async throws -> IndexCheckOutcome {
        let facts = try await facts(start: period.start, end: period.end)
        var differences: [IndexCountDifference] = []
        let province = try await counts(start: period.start, end: period.end, now: now, agencies: nil)
        let recountedProvince = IndexRecount.counts(facts, period: period, now: now)
        if province != recountedProvince {
            differences.append(IndexCountDifference(unit: "province", aggregated: province, recounted: recountedProvince))
        }
        let byAgency = try await countsByAgency(start: period.start, end: period.end, now: now)
        let recounted = Dictionary(grouping: facts, by: \.agencyID).mapValues { IndexRecount.counts($0, period: period, now: now) }
        let agencies = Set(byAgency.keys).union(recounted.filter { $0.value.received > 0 }.keys)
        for agency in agencies.sorted() {
            let aggregated = byAgency[agency] ?? IndexCounts(), recount = recounted[agency] ?? IndexCounts()
            if aggregated != recount { differences.append(IndexCountDifference(unit: agency, aggregated: aggregated, recounted: recount)) }
        }
        return IndexCheckOutcome(dossiers: facts.count, units: agencies.count + 1, differences: differences)
    }
}
