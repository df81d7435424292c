import Foundation
import MotCuaAPI
import MotCuaDomain

/// What the public may see of the index: the province's and each agency's points and on-time rates for a period,
/// and the province's last twelve months. Counts and scores only, never a name, an ID number or a dossier code.
struct PublicIndexFigures: Sendable {
    let period: IndexPeriod
    let province: IndexService.Report
    /// Agencies that received dossiers in the period, in directory order.
    let agencies: [IndexService.Report]
    let history: [IndexService.Report]

    static func compute(_ service: IndexService, period: IndexPeriod) async throws -> PublicIndexFigures {
        let province = try await service.report(unit: .province, period: period)
        let agencies = try await service.reportsByAgency(period: period).filter { $0.counts.received > 0 }
        var history: [IndexService.Report] = []
        for month in IndexPeriod.lastTwelveMonths(endingAt: min(service.now(), period.end.addingTimeInterval(-1))) {
            history.append(try await service.report(unit: .province, period: month))
        }
        return PublicIndexFigures(period: period, province: province, agencies: agencies, history: history)
    }

    static func onTimeRate(_ report: IndexService.Report) -> Double? {
        report.score.indicator("2.1")?.rate
    }

    var payload: Components.Schemas.PublicIndex {
        func unit(_ report: IndexService.Report) -> Components.Schemas.PublicUnitScore {
            let agency: Agency? = if case .agency(let agency) = report.unit { agency } else { nil }
            return .init(
                agencyId: agency?.id, kind: agency?.kind.rawValue ?? report.unit.kind, nameVi: report.unit.nameVi, nameEn: report.unit.nameEn,
                points: report.score.points, scoredMaxPoints: report.score.scoredMaxPoints, received: report.counts.received,
                onTimeRate: Self.onTimeRate(report),
                groups: report.score.groups.map { .init(id: $0.group.id, points: $0.points, scoredMaxPoints: $0.scoredMaxPoints) })
        }
        return .init(
            period: period.label, province: unit(province), units: agencies.map(unit),
            history: history.map {
                .init(
                    period: $0.period.label, received: $0.counts.received, onTimeRate: Self.onTimeRate($0), points: $0.score.points,
                    scoredMaxPoints: $0.score.scoredMaxPoints)
            })
    }
}
