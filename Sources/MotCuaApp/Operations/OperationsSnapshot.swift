import Foundation
import MotCuaDomain
import MotCuaStorage

/// Everything the operations page shows for one scope at one instant, cut from the province-wide reads.
struct OperationsSnapshot: Sendable {
    /// One day of the trend.
    struct Day: Sendable, Hashable {
        let start: Date
        let received: Int
        let onTime: Int
        var onTimeRate: Double? { received == 0 ? nil : Double(onTime) / Double(received) }
    }

    /// One agency in the month's ranking of its kind (communes and wards, or departments).
    struct Ranked: Sendable, Hashable {
        let rank: Int
        let agency: Agency
        let received: Int
        let onTime: Int
        let onTimeRate: Double?
    }

    let scope: OperationsCentre.Scope
    let generatedAt: Date
    let board: OperationsBoard
    let trend: [Day]
    let month: IndexPeriod
    let communes: [Ranked]
    let departments: [Ranked]
    let accuracy: ForecastAccuracy
    let backtestStart: Date
    let modelSamples: Int
    let names: [String: Agency]

    var nameVi: String {
        if case .agency(let agency) = scope { return agency.nameVi }
        return "Toàn tỉnh"
    }

    var nameEn: String {
        if case .agency(let agency) = scope { return agency.nameEn }
        return "Whole province"
    }

    init(scope: OperationsCentre.Scope, live: OperationsCentre.Live, slow: OperationsCentre.Slow, pace: OperationsCentre.Pace, reference: ReferenceData) {
        let inScope: (String) -> Bool
        switch scope {
        case .province: inScope = { _ in true }
        case .agency(let agency): inScope = { $0 == agency.id }
        }
        var received: [Channel: Int] = [:]
        for (agency, channels) in live.receivedToday where inScope(agency) {
            for (channel, count) in channels { received[channel, default: 0] += count }
        }
        self.scope = scope
        self.generatedAt = live.at
        self.board = OperationsBoard.build(
            open: live.open.filter { inScope($0.agencyID) }, receivedToday: received, model: pace.model, now: live.at,
            endOfToday: IndexPeriod.startOfDay(live.at).addingTimeInterval(86_400))
        var days = [(received: Int, onTime: Int)](repeating: (0, 0), count: OperationsCentre.trendDays)
        for row in slow.daily where inScope(row.agencyID) && days.indices.contains(row.day) {
            days[row.day].received += row.received
            days[row.day].onTime += row.onTime
        }
        self.trend = days.enumerated().map { Day(start: slow.trendStart.addingTimeInterval(Double($0.offset) * 86_400), received: $0.element.received, onTime: $0.element.onTime) }
        self.month = slow.month
        func ranking(_ kinds: Set<Agency.Kind>) -> [Ranked] {
            let rows = slow.reports.compactMap { report -> (Agency, Int, Int)? in
                guard case .agency(let agency) = report.unit, kinds.contains(agency.kind), report.counts.received > 0 else { return nil }
                return (agency, report.counts.received, report.counts.onTime)
            }
            // Best on-time rate first; ties by more dossiers, then by name.
            let sorted = rows.sorted { a, b in
                let ra = Double(a.2) / Double(a.1), rb = Double(b.2) / Double(b.1)
                return ra != rb ? ra > rb : a.1 != b.1 ? a.1 > b.1 : a.0.nameVi < b.0.nameVi
            }
            return sorted.enumerated().map { Ranked(rank: $0.offset + 1, agency: $0.element.0, received: $0.element.1, onTime: $0.element.2, onTimeRate: Double($0.element.2) / Double($0.element.1)) }
        }
        self.communes = ranking([.commune])
        self.departments = ranking([.department])
        self.accuracy = pace.accuracy
        self.backtestStart = pace.backtestStart
        self.modelSamples = pace.model.sampleCount
        self.names = Dictionary(reference.agencies.agencies.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
