import Foundation
import MotCuaDomain
import MotCuaStorage

/// The monthly report as a printable page: A4 portrait with `@media print` rules in /assets/report.css (the page
/// is shown from a blob URL under the site's policy, so it carries no inline style), Vietnamese and English.
struct MonthlyReportPage {
    let report: MonthlyReport
    let configuration: IndexConfiguration
    /// Absolute URL of `/assets/report.css`: the page is shown from a blob URL, against which a path resolves to nothing.
    let stylesheetURL: String
    /// Late dossiers listed on paper; the CSV has them all.
    static let lateRows = 500

    func render() -> String {
        let total = report.total
        let groups = total.score.groups.map { group in
            let rows = group.indicators.map { score in
                let indicator = score.indicator
                let result: String
                switch score.state {
                case .scored: result = "\(OperationsText.rate(score.rate)) (\(score.numerator ?? 0)/\(score.denominator ?? 0))"
                case .informational: result = score.averageHours.map { "\(IndexEngine.number($0)) giờ / hours" } ?? "—"
                case .noData: result = "Chưa có dữ liệu / no data"
                case .notApplicable: result = "Không áp dụng / not applicable"
                }
                return """
                    <tr><td>\(indicator.id.htmlEscaped)</td><td>\(indicator.nameVi.htmlEscaped)<br><span lang="en">\(indicator.nameEn.htmlEscaped)</span></td>\
                    <td>\(result.htmlEscaped)</td><td class="num">\(score.points.map(IndexEngine.number) ?? "—")</td>\
                    <td class="num">\(IndexEngine.number(indicator.weight))\(indicator.weightVerified ? "" : " *")</td></tr>
                    """
            }.joined(separator: "\n")
            return """
                <tr class="group"><th colspan="3">\(group.group.id.htmlEscaped). \(group.group.nameVi.htmlEscaped) <span lang="en">\(group.group.nameEn.htmlEscaped)</span></th>\
                <th class="num">\(IndexEngine.number(group.points))</th><th class="num">\(IndexEngine.number(group.scoredMaxPoints)) / \(IndexEngine.number(group.group.maxPoints))</th></tr>
                \(rows)
                """
        }.joined(separator: "\n")
        let units = report.units.map { unit in
            """
            <tr><td>\(unit.unit.nameVi.htmlEscaped)</td><td class="num">\(unit.counts.received)</td><td class="num">\(unit.counts.onTime)</td>\
            <td class="num">\(unit.counts.overdue)</td><td class="num">\(OperationsText.rate(PublicIndexFigures.onTimeRate(unit)))</td>\
            <td class="num">\(IndexEngine.number(unit.score.points)) / \(IndexEngine.number(unit.score.scoredMaxPoints))</td></tr>
            """
        }.joined(separator: "\n")
        let late = report.late.prefix(Self.lateRows).map { row in
            """
            <tr><td>\(row.code.htmlEscaped)</td><td>\((report.agencies[row.agencyID]?.nameVi ?? row.agencyID).htmlEscaped)</td>\
            <td>\(row.procedureCode.htmlEscaped)</td><td>\(OperationsText.time(row.receivedAt).htmlEscaped)</td>\
            <td>\(OperationsText.time(row.dueAt).htmlEscaped)</td><td>\(row.endedAt.map { OperationsText.time($0) } ?? "đang xử lý / open")</td>\
            <td class="num">\(row.supplementRequests)</td></tr>
            """
        }.joined(separator: "\n")
        let more = report.late.count > Self.lateRows
            ? "<p>… và \(report.late.count - Self.lateRows) hồ sơ khác trong tệp CSV <span lang=\"en\">and \(report.late.count - Self.lateRows) more in the CSV</span></p>" : ""
        return """
            <!doctype html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <title>Báo cáo tháng \(report.period.label.htmlEscaped): \(total.unit.nameVi.htmlEscaped) / monthly report</title>
            <link rel="stylesheet" href="\(stylesheetURL.htmlEscaped)">
            </head>
            <body class="report">
            <header>
            <p>\(configuration.decision.htmlEscaped)</p>
            <h1>Báo cáo Bộ chỉ số phục vụ người dân, doanh nghiệp tháng \(report.period.label.htmlEscaped)<br>\
            <span lang="en">Index of serving citizens and businesses, monthly report, \(report.period.label.htmlEscaped)</span></h1>
            <p class="unit">\(total.unit.nameVi.htmlEscaped) <span lang="en">\(total.unit.nameEn.htmlEscaped)</span></p>
            </header>
            <section class="summary">
            <p>Điểm / points: <strong data-testid="report-points">\(IndexEngine.number(total.score.points)) / \(IndexEngine.number(total.score.scoredMaxPoints))</strong> \
            (tối đa bộ chỉ số / index maximum \(IndexEngine.number(total.score.maxPoints))) · hồ sơ tiếp nhận / received \(total.counts.received) · \
            đúng hạn / on time \(total.counts.onTime) · trễ hạn / late <strong data-testid="report-late">\(total.counts.overdue)</strong> · \
            tỷ lệ đúng hạn / on-time rate \(OperationsText.rate(PublicIndexFigures.onTimeRate(total)))</p>
            </section>
            <h2>Chỉ số <span lang="en">Indicators</span></h2>
            <table><thead><tr><th>Mã / id</th><th>Chỉ số / indicator</th><th>Kết quả / result</th><th class="num">Điểm / points</th><th class="num">Trọng số / weight</th></tr></thead>
            <tbody>
            \(groups)
            </tbody></table>
            <p class="note">* \(IndexText.weightUnverified.htmlEscaped). \(configuration.note.htmlEscaped)</p>
            <h2>Đúng hạn theo đơn vị <span lang="en">On time by unit</span></h2>
            <table><thead><tr><th>Đơn vị / unit</th><th class="num">Tiếp nhận / received</th><th class="num">Đúng hạn / on time</th>\
            <th class="num">Trễ hạn / late</th><th class="num">Tỷ lệ / rate</th><th class="num">Điểm / points</th></tr></thead>
            <tbody>
            \(units.isEmpty ? "<tr><td colspan=\"6\">Không có hồ sơ / no dossiers</td></tr>" : units)
            </tbody></table>
            <h2>Hồ sơ trễ hạn (\(report.late.count)) <span lang="en">Late dossiers</span></h2>
            <table><thead><tr><th>Mã hồ sơ / code</th><th>Đơn vị / unit</th><th>Thủ tục / procedure</th><th>Tiếp nhận / received</th>\
            <th>Hạn / due</th><th>Kết thúc / ended</th><th class="num">Lần bổ sung / supplements</th></tr></thead>
            <tbody>
            \(late.isEmpty ? "<tr><td colspan=\"7\">Không có / none</td></tr>" : late)
            </tbody></table>\(more)
            <footer><p>In lúc / printed \(OperationsText.time(report.printedAt).htmlEscaped) (giờ Việt Nam / Vietnam time). \
            Trễ hạn: không đúng hạn theo chỉ số 2.1 (kể cả bổ sung quá một lần). <span lang="en">Late: not on time under indicator 2.1 \
            (more than one supplement request included).</span></p></footer>
            </body>
            </html>
            """
    }
}
