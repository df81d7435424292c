import Foundation
import MotCuaAPI
import MotCuaDomain
import MotCuaStorage
import OpenAPIRuntime

/// The operations centre (snapshot, wall-screen panel, CSV of its tables) and the printable monthly report.
extension APIImplementation {
    /// Lists in the JSON carry at most this many dossiers each; the CSV has every one.
    static let operationsListLimit = 200

    func getOperationsSnapshot(_ input: Operations.GetOperationsSnapshot.Input) async throws -> Operations.GetOperationsSnapshot.Output {
        let scope = try operationsScope(.getOperationsSnapshot, agency: input.query.agency)
        return .ok(.init(body: .json(Self.payload(try await operations.snapshot(scope)))))
    }

    func getOperationsPanel(_ input: Operations.GetOperationsPanel.Input) async throws -> Operations.GetOperationsPanel.Output {
        let scope = try operationsScope(.getOperationsPanel, agency: input.query.agency)
        return .ok(.init(body: .html(HTTPBody(try await operations.panel(scope)))))
    }

    func exportOperationsTable(_ input: Operations.ExportOperationsTable.Input) async throws -> Operations.ExportOperationsTable.Output {
        let scope = try operationsScope(.exportOperationsTable, agency: input.query.agency)
        let snapshot = try await operations.snapshot(scope)
        guard let table = OperationsCSV.Table(rawValue: input.query.table.rawValue) else {
            throw Problem.invalid("Không có bảng '\(input.query.table.rawValue)' / no table '\(input.query.table.rawValue)'", field: "table")
        }
        return .ok(.init(body: .csv(HTTPBody(OperationsCSV.render(table, snapshot: snapshot)))))
    }

    func getMonthlyReport(_ input: Operations.GetMonthlyReport.Input) async throws -> Operations.GetMonthlyReport.Output {
        let report = try await monthlyReport(.getMonthlyReport, period: input.query.period, agency: input.query.agency)
        return .ok(.init(body: .html(HTTPBody(MonthlyReportPage(
            report: report, configuration: index.configuration, stylesheetURL: auth.configuration.publicBaseURL + "/assets/report.css").render()))))
    }

    func exportMonthlyReport(_ input: Operations.ExportMonthlyReport.Input) async throws -> Operations.ExportMonthlyReport.Output {
        let report = try await monthlyReport(.exportMonthlyReport, period: input.query.period, agency: input.query.agency)
        guard let table = MonthlyReport.Table(rawValue: input.query.table.rawValue) else {
            throw Problem.invalid("Không có bảng '\(input.query.table.rawValue)' / no table '\(input.query.table.rawValue)'", field: "table")
        }
        return .ok(.init(body: .csv(HTTPBody(report.csv(table)))))
    }

    /// The scope asked for, within the caller's: provincial monitors may name any agency (the province without
    /// one); others get their own agency, and another agency answers 404 like data out of scope.
    func operationsScope(_ operation: PlatformOperation, agency: String?) throws -> OperationsCentre.Scope {
        let (principal, scope) = try official(operation)
        if let agency {
            guard let found = reference.agencies.agency(id: agency) else {
                throw Problem.invalid("Không có cơ quan '\(agency)' / no agency '\(agency)'", field: "agency")
            }
            guard scope == .province || found.id == principal.agencyID else {
                throw Problem.notFound("Không tìm thấy số liệu điều hành của cơ quan này / no operations figures for this agency")
            }
            return .agency(found)
        }
        if scope == .province { return .province }
        guard let own = reference.agencies.agency(id: principal.agencyID) else {
            throw Problem.notFound("Không tìm thấy cơ quan của cán bộ / the official's agency is unknown")
        }
        return .agency(own)
    }

    func monthlyReport(_ operation: PlatformOperation, period: String?, agency: String?) async throws -> MonthlyReport {
        let scope = try operationsScope(operation, agency: agency)
        if let period {
            // Only a month: the report is monthly (a quarter or a year is the index's own page).
            let parts = period.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, parts.joined().allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw Problem.invalid("Kỳ báo cáo phải là một tháng YYYY-MM / period must be a month as YYYY-MM", field: "period")
            }
        }
        let month = try Self.indexPeriod(period: period, from: nil, to: nil, now: now())
        let unit: IndexService.Unit
        switch scope {
        case .province: unit = .province
        case .agency(let agency): unit = .agency(agency)
        }
        let total = try await index.report(unit: unit, period: month)
        let units: [IndexService.Report]
        switch scope {
        case .province: units = try await index.reportsByAgency(period: month).filter { $0.counts.received > 0 }
        case .agency: units = [total]
        }
        let late = try await dossiers(behind: "5.4", unit: unit, period: month, limit: Int.max / 2, offset: 0)
        return MonthlyReport(
            period: month, total: total, units: units, late: late.rows, printedAt: now(),
            agencies: Dictionary(reference.agencies.agencies.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }))
    }

    static func payload(_ snapshot: OperationsSnapshot) -> Components.Schemas.OperationsSnapshot {
        func dossier(_ entry: OperationsBoard.Entry) -> Components.Schemas.OperationsDossier {
            let d = entry.dossier
            return .init(
                code: d.code, agencyId: d.agencyID, agencyNameVi: snapshot.names[d.agencyID]?.nameVi ?? d.agencyID, procedureCode: d.procedureCode,
                status: d.status.name, step: d.step.rawValue, handlerName: d.handlerName, receivedAt: d.receivedAt, dueAt: d.dueAt,
                predictedEnd: entry.predictedEnd)
        }
        let board = snapshot.board, accuracy = snapshot.accuracy
        let agencyID: String? = if case .agency(let agency) = snapshot.scope { agency.id } else { nil }
        return .init(
            generatedAt: snapshot.generatedAt, scopeKind: agencyID == nil ? .province : .agency, agencyId: agencyID,
            nameVi: snapshot.nameVi, nameEn: snapshot.nameEn,
            receivedToday: board.receivedToday.map { .init(channel: $0.channel.rawValue, count: $0.count) },
            steps: board.steps.map { .init(step: $0.step.rawValue, open: $0.open, paused: $0.paused, overdue: $0.overdue) },
            dueToday: board.dueToday.prefix(operationsListLimit).map(dossier), dueTodayTotal: board.dueToday.count,
            overdue: board.overdue.prefix(operationsListLimit).map(dossier), overdueTotal: board.overdue.count,
            predictedLate: board.predictedLate.prefix(operationsListLimit).map(dossier), predictedLateTotal: board.predictedLate.count,
            unforecast: board.unforecast,
            forecastAccuracy: .init(
                windowStart: snapshot.backtestStart, forecasts: accuracy.forecasts, truePositives: accuracy.truePositives,
                falsePositives: accuracy.falsePositives, falseNegatives: accuracy.falseNegatives, trueNegatives: accuracy.trueNegatives,
                unpredicted: accuracy.unpredicted, precision: accuracy.precision, recall: accuracy.recall, modelSamples: snapshot.modelSamples),
            trend: snapshot.trend.map { .init(day: String(WorkingCalendar.localTimestamp($0.start).prefix(10)), received: $0.received, onTime: $0.onTime, onTimeRate: $0.onTimeRate) },
            month: snapshot.month.label,
            ranking: (snapshot.communes + snapshot.departments).map {
                .init(
                    rank: $0.rank, agencyId: $0.agency.id, kind: $0.agency.kind.rawValue, nameVi: $0.agency.nameVi, nameEn: $0.agency.nameEn,
                    received: $0.received, onTime: $0.onTime, onTimeRate: $0.onTimeRate)
            })
    }
}
