import Foundation
import MotCuaDomain

/// The public transparency page (/minh-bach): the province's index by group, every agency's points and on-time
/// rate, and the last twelve months, server-rendered (no script), Vietnamese and English. Only counts and
/// scores: no names of people, no ID numbers, no dossier codes.
struct TransparencyPage {
    let figures: PublicIndexFigures
    let configuration: IndexConfiguration

    static func rate(_ value: Double?) -> String { value.map(IndexEngine.percent) ?? "—" }
    static func points(_ value: Double) -> String { IndexEngine.number(value) }

    func render() -> String {
        let province = figures.province
        let groups = province.score.groups.map { group in
            let indicators = group.indicators.map { score in
                let indicator = score.indicator
                let value: String
                switch score.state {
                case .scored: value = "\(Self.rate(score.rate)) (\(score.numerator ?? 0)/\(score.denominator ?? 0)) → \(Self.points(score.points ?? 0))"
                case .informational: value = score.averageHours.map { "\(IndexEngine.number($0)) giờ / hours" } ?? score.numerator.map { "\($0) PAKN" } ?? "—"
                case .noData: value = "Chưa có dữ liệu / no data yet"
                case .notApplicable: value = "Không áp dụng tại đây / not applicable here"
                }
                let weightNote = indicator.weightVerified ? "" : " <small class=\"unverified\">(\(IndexText.weightUnverified.htmlEscaped))</small>"
                return """
                    <tr><td>\(indicator.id.htmlEscaped)</td><td>\(indicator.nameVi.htmlEscaped)<br><span lang="en">\(indicator.nameEn.htmlEscaped)</span></td>\
                    <td>\(value.htmlEscaped)</td><td>\(Self.points(indicator.weight))\(weightNote)</td></tr>
                    """
            }.joined(separator: "\n")
            return """
                <h3>\(group.group.id.htmlEscaped). \(group.group.nameVi.htmlEscaped) <span lang="en">/ \(group.group.nameEn.htmlEscaped)</span>: \
                \(Self.points(group.points)) / \(Self.points(group.scoredMaxPoints)) điểm tính được <span lang="en">points scorable</span> \
                (tối đa / max \(Self.points(group.group.maxPoints)))</h3>
                <table><thead><tr><th>Chỉ số / indicator</th><th></th><th>Kết quả / result</th><th>Trọng số / weight</th></tr></thead>
                <tbody>
                \(indicators)
                </tbody></table>
                """
        }.joined(separator: "\n")
        let agencies = figures.agencies.map { report in
            """
            <tr><td>\(report.unit.nameVi.htmlEscaped)<br><span lang="en">\(report.unit.nameEn.htmlEscaped)</span></td>\
            <td>\(report.counts.received)</td><td>\(Self.rate(PublicIndexFigures.onTimeRate(report)))</td>\
            <td>\(Self.points(report.score.points)) / \(Self.points(report.score.scoredMaxPoints))</td></tr>
            """
        }.joined(separator: "\n")
        let history = figures.history.map { month in
            let rate = PublicIndexFigures.onTimeRate(month)
            let width = Int(((rate ?? 0) * 100).rounded())
            return """
                <tr><td>\(month.period.label.htmlEscaped)</td><td>\(month.counts.received)</td>\
                <td><span class="bar" style="width: \(width)%"></span> \(Self.rate(rate))</td>\
                <td>\(Self.points(month.score.points)) / \(Self.points(month.score.scoredMaxPoints))</td></tr>
                """
        }.joined(separator: "\n")
        return """
            <!doctype html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Minh bạch: Bộ chỉ số phục vụ người dân, doanh nghiệp / transparency: the index of serving citizens</title>
            <style>
            body { font-family: system-ui, sans-serif; max-width: 64rem; margin: 1.5rem auto; padding: 0 1rem; color: #111; }
            table { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; } th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
            span[lang=en] { color: #555; } .unverified { color: #8a4b00; } .total { font-size: 2rem; font-weight: 700; }
            .bar { display: inline-block; height: .8rem; background: #2b6cb0; max-width: 10rem; }
            form { margin: 1rem 0; }
            </style>
            </head>
            <body>
            <main>
            <h1>Bộ chỉ số phục vụ người dân, doanh nghiệp <span lang="en">/ the index of serving citizens and businesses</span></h1>
            <p>\(configuration.decision.htmlEscaped)</p>
            <p lang="en"><small>\(configuration.note.htmlEscaped)</small></p>
            <form method="get" action="/minh-bach"><label>Kỳ / period (YYYY-MM, YYYY-Qn, YYYY): \
            <input name="period" value="\(figures.period.label.htmlEscaped)" maxlength="10"></label> <button type="submit">Xem / show</button></form>
            <h2>Toàn tỉnh, kỳ \(figures.period.label.htmlEscaped) <span lang="en">/ whole province, period \(figures.period.label.htmlEscaped)</span></h2>
            <p class="total" data-testid="province-points">\(Self.points(province.score.points)) / \(Self.points(province.score.scoredMaxPoints))</p>
            <p>Điểm đạt trên tổng trọng số các chỉ số nền tảng tính được (tối đa của bộ chỉ số: \(Self.points(province.score.maxPoints))). \
            Hồ sơ tiếp nhận trong kỳ: \(province.counts.received); đúng hạn: <strong data-testid="province-on-time">\(Self.rate(PublicIndexFigures.onTimeRate(province)))</strong>. \
            <span lang="en">Points earned out of the weights of the indicators the platform can compute (index maximum \(Self.points(province.score.maxPoints))). \
            Dossiers received in the period: \(province.counts.received); on time: \(Self.rate(PublicIndexFigures.onTimeRate(province))).</span></p>
            <p class="unverified">Trọng số từng chỉ số chưa được xác minh với văn bản chính thức; điểm nhóm tối đa theo Quyết định 766. \
            <span lang="en">Per-indicator weights are not verified against an official text; group maxima are those of Decision 766.</span></p>
            \(groups)
            <h2>Theo cơ quan, xã, phường <span lang="en">/ by agency, commune and ward</span></h2>
            <table><thead><tr><th>Cơ quan / agency</th><th>Hồ sơ / dossiers</th><th>Đúng hạn / on time</th><th>Điểm / points</th></tr></thead>
            <tbody>
            \(agencies.isEmpty ? "<tr><td colspan=\"4\">Chưa có hồ sơ trong kỳ / no dossiers in the period</td></tr>" : agencies)
            </tbody></table>
            <h2>12 tháng gần nhất, toàn tỉnh <span lang="en">/ the last twelve months, whole province</span></h2>
            <table><thead><tr><th>Tháng / month</th><th>Hồ sơ / dossiers</th><th>Đúng hạn / on time</th><th>Điểm / points</th></tr></thead>
            <tbody>
            \(history)
            </tbody></table>
            <p><a href="/api/v1/public/index?period=\(figures.period.label.htmlEscaped)">JSON</a></p>
            </main>
            </body>
            </html>
            """
    }
}
