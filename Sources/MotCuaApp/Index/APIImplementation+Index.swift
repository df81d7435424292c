import Foundation
import MotCuaAPI
import MotCuaDomain
import MotCuaStorage
import OpenAPIRuntime

/// The Decision 766 index: scores with their explanations, the dossiers behind a count, and the public figures.
extension APIImplementation {
    func getIndex(_ input: Operations.GetIndex.Input) async throws -> Operations.GetIndex.Output {
        let q = input.query
        let (unit, period) = try indexRequest(.getIndex, period: q.period, from: q.from, to: q.to, agency: q.agency, unit: q.unit?.rawValue)
        let report = try await index.report(unit: unit, period: period)
        return .ok(.init(body: .json(Self.indexReport(report, configuration: index.configuration))))
    }

    func listIndexDossiers(_ input: Operations.ListIndexDossiers.Input) async throws -> Operations.ListIndexDossiers.Output {
        let q = input.query
        let (unit, period) = try indexRequest(
            .listIndexDossiers, period: q.period, from: q.from, to: q.to, agency: q.agency, unit: q.unit?.rawValue)
        let limit = q.limit ?? 50, offset = q.offset ?? 0
        guard (1...500).contains(limit) else { throw Problem.invalid("limit phải từ 1 đến 500 / limit must be 1 to 500", field: "limit") }
        guard offset >= 0 else { throw Problem.invalid("offset không được âm / offset must not be negative", field: "offset") }
        let page = try await dossiers(behind: input.path.id, unit: unit, period: period, limit: limit, offset: offset)
        return .ok(.init(body: .json(.init(
            indicatorId: input.path.id, total: page.total, limit: limit, offset: offset,
            items: page.rows.map {
                .init(
                    code: $0.code, procedureCode: $0.procedureCode, agencyId: $0.agencyID, channel: $0.channel, status: $0.status,
                    receivedAt: $0.receivedAt, dueAt: $0.dueAt, endedAt: $0.endedAt, supplementRequests: $0.supplementRequests)
            }))))
    }

    func exportIndexDossiers(_ input: Operations.ExportIndexDossiers.Input) async throws -> Operations.ExportIndexDossiers.Output {
        let q = input.query
        let (unit, period) = try indexRequest(
            .exportIndexDossiers, period: q.period, from: q.from, to: q.to, agency: q.agency, unit: q.unit?.rawValue)
        let page = try await dossiers(behind: input.path.id, unit: unit, period: period, limit: Int.max / 2, offset: 0)
        return .ok(.init(body: .csv(HTTPBody(IndexDossiersCSV.render(page.rows)))))
    }

    func getPublicIndex(_ input: Operations.GetPublicIndex.Input) async throws -> Operations.GetPublicIndex.Output {
        _ = try authorize(.getPublicIndex)
        try index.publicLimiter.admit(AppRequestContext.current?.remoteAddress)
        let period = try Self.indexPeriod(period: input.query.period, from: nil, to: nil, now: now())
        return .ok(.init(body: .json(try await PublicIndexFigures.compute(index, period: period).payload)))
    }

    /// The unit and period asked for, within the caller's scope: a provincial monitor or auditor may name any
    /// agency or a unit; others get their own agency, and another agency answers 404 like data out of scope.
    func indexRequest(
        _ operation: PlatformOperation, period: String?, from: String?, to: String?, agency: String?, unit: String?
    ) throws -> (IndexService.Unit, IndexPeriod) {
        let (principal, scope) = try official(operation)
        let period = try Self.indexPeriod(period: period, from: from, to: to, now: now())
        if let agency {
            guard let found = reference.agencies.agency(id: agency) else {
                throw Problem.invalid("Không có cơ quan '\(agency)' / no agency '\(agency)'", field: "agency")
            }
            guard scope == .province || found.id == principal.agencyID else {
                throw Problem.notFound("Không tìm thấy chỉ số của cơ quan này / no index for this agency")
            }
            return (.agency(found), period)
        }
        guard scope == .province else {
            guard let own = reference.agencies.agency(id: principal.agencyID) else {
                throw Problem.notFound("Không tìm thấy cơ quan của cán bộ / the official's agency is unknown")
            }
            return (.agency(own), period)
        }
        switch unit ?? "province" {
        case "communes": return (.communes, period)
        case "departments": return (.departments, period)
        default: return (.province, period)
        }
    }

    func dossiers(behind indicator: String, unit: IndexService.Unit, period: IndexPeriod, limit: Int, offset: Int) async throws -> (total: Int, rows: [IndexDossierRow]) {
        guard index.configuration.indicator(id: indicator) != nil else {
            throw Problem.notFound("Không có chỉ số '\(indicator)' / no indicator '\(indicator)'")
        }
        guard let page = try await index.repository.dossiers(
            behind: indicator, start: period.start, end: period.end, now: now(), agencies: index.agencyIDs(of: unit), limit: limit, offset: offset)
        else {
            throw Problem.invalid(
                "Chỉ số \(indicator) không đếm theo hồ sơ / indicator \(indicator) is not a count of dossiers (try 2.1, 2.2, 3.3, 4.1, 4.2, 4.3, 4.5, 5.4)",
                field: "id")
        }
        return page
    }

    static func indexPeriod(period: String?, from: String?, to: String?, now: Date) throws -> IndexPeriod {
        do {
            return try IndexPeriod.parse(period: period, from: from, to: to, now: now)
        } catch {
            throw Problem.invalid("\(error.messageVi) / \(error.messageEn)", field: error.field)
        }
    }

    static func indexReport(_ report: IndexService.Report, configuration: IndexConfiguration) -> Components.Schemas.IndexReport {
        let agencyID: String? = if case .agency(let agency) = report.unit { agency.id } else { nil }
        return .init(
            unitKind: .init(rawValue: report.unit.kind)!, agencyId: agencyID, unitNameVi: report.unit.nameVi, unitNameEn: report.unit.nameEn,
            period: report.period.label, periodStart: report.period.start, periodEnd: report.period.end, decision: configuration.decision,
            note: configuration.note, points: report.score.points, maxPoints: report.score.maxPoints,
            scoredMaxPoints: report.score.scoredMaxPoints,
            groups: report.score.groups.map { group in
                .init(
                    id: group.group.id, nameVi: group.group.nameVi, nameEn: group.group.nameEn, maxPoints: group.group.maxPoints,
                    points: group.points, scoredMaxPoints: group.scoredMaxPoints,
                    indicators: group.indicators.map { score in
                        let indicator = score.indicator
                        return .init(
                            id: indicator.id, nameVi: indicator.nameVi, nameEn: indicator.nameEn, state: .init(rawValue: score.state.rawValue)!,
                            numerator: score.numerator, denominator: score.denominator, rate: score.rate, averageHours: score.averageHours,
                            points: score.points, weight: indicator.weight, weightVerified: indicator.weightVerified,
                            weightSource: indicator.weightSource, weightNote: indicator.weightVerified ? nil : IndexText.weightUnverified,
                            fullScoreThreshold: indicator.fullScoreThreshold, thresholdSource: indicator.thresholdSource,
                            ruleVi: indicator.ruleVi, ruleEn: indicator.ruleEn, explanationVi: score.explanationVi, explanationEn: score.explanationEn)
                    })
            })
    }
}

/// Wording shared by the API and the pages.
enum IndexText {
    static let weightUnverified = "trọng số chưa xác minh / weight unverified"
}
