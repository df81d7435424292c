import Foundation
import MotCuaDomain

/// One unit whose counts differ between two computations (the served counters, the SQL aggregation over the
/// dossiers, the per-dossier recount in Swift).
public struct IndexCountDifference: Sendable, CustomStringConvertible {
    public let unit: String
    public let firstLabel: String
    public let first: IndexCounts
    public let secondLabel: String
    public let second: IndexCounts

    public var description: String {
        let fields = zip(Mirror(reflecting: first).children, Mirror(reflecting: second).children).compactMap { a, b in
            "\(a.value)" == "\(b.value)" ? nil : "\(a.label ?? "?"): \(firstLabel) \(a.value) ≠ \(secondLabel) \(b.value)"
        }
        return "\(unit): " + fields.joined(separator: "; ")
    }
}

/// The result of checking a period: how much was compared and where the computations disagree.
public struct IndexCheckOutcome: Sendable {
    public let dossiers: Int
    public let units: Int
    public let differences: [IndexCountDifference]
}

extension SQLIndexRepository {
    /// The period's counts computed by the SQL aggregation over the dossiers and by `IndexRecount` over the
    /// plainly read facts, and, given `served`, as the API serves them from the counters, for the province and
    /// every agency with dossiers on any side. Every pair that disagrees is a difference.
    public func check(period: IndexPeriod, now: Date, served: SQLIndexCounterRepository? = nil) async throws -> IndexCheckOutcome {
        let facts = try await facts(start: period.start, end: period.end)
        var sides: [(label: String, province: IndexCounts, byAgency: [String: IndexCounts])] = [
            (
                "SQL", try await counts(start: period.start, end: period.end, now: now, agencies: nil),
                try await countsByAgency(start: period.start, end: period.end, now: now)
            ),
            (
                "recount", IndexRecount.counts(facts, period: period, now: now),
                Dictionary(grouping: facts, by: \.agencyID).mapValues { IndexRecount.counts($0, period: period, now: now) }
                    .filter { $0.value.received > 0 }
            ),
        ]
        if let served {
            sides.insert(
                (
                    "served", try await served.counts(start: period.start, end: period.end, now: now, agencies: nil),
                    try await served.countsByAgency(start: period.start, end: period.end, now: now)
                ), at: 0)
        }
        var differences: [IndexCountDifference] = []
        let agencies = sides.reduce(into: Set<String>()) { $0.formUnion($1.byAgency.keys) }.sorted()
        for (index, first) in sides.enumerated() {
            for second in sides[(index + 1)...] {
                if first.province != second.province {
                    differences.append(.init(unit: "province", firstLabel: first.label, first: first.province, secondLabel: second.label, second: second.province))
                }
                for agency in agencies {
                    let a = first.byAgency[agency] ?? IndexCounts(), b = second.byAgency[agency] ?? IndexCounts()
                    if a != b { differences.append(.init(unit: agency, firstLabel: first.label, first: a, secondLabel: second.label, second: b)) }
                }
            }
        }
        return IndexCheckOutcome(dossiers: facts.count, units: agencies.count + 1, differences: differences)
    }
}
