import Foundation
import MotCuaDomain
import MotCuaStorage

/// The operations centre as an HTML fragment the wall-screen page (/dieu-hanh) swaps in every few seconds:
/// large figures, SVG charts drawn here, the lists with the responsible unit and official. No script, no style
/// attribute (the page's policy allows neither); no applicant.
struct OperationsPanel {
    let snapshot: OperationsSnapshot
    /// Rows of each list on screen; the CSV has them all.
    static let rowsOnScreen = 30

    func render() -> String {
        let board = snapshot.board
        let receivedTotal = board.receivedToday.map(\.count).reduce(0, +)
        let channels: [SVGChart.Bar] = board.receivedToday.map { SVGChart.Bar(label: OperationsText.channel($0.channel).vi, value: Double($0.count)) }
        let steps: [SVGChart.Bar] = board.steps.map { count in
            SVGChart.Bar(
                label: OperationsText.step(count.step).vi, value: Double(count.open), text: "\(count.open) (quá hạn \(count.overdue))",
                colour: count.overdue > 0 ? "#c53030" : "#2b6cb0")
        }
        let days: [(label: String, value: Int, rate: Double?)] = snapshot.trend.map { day in
            (label: IndexPeriod.dayLabel(day.start), value: day.received, rate: day.onTimeRate)
        }
        let now = snapshot.generatedAt
        let overdue = list("overdue", board.overdue, "Hồ sơ quá hạn", "Overdue dossiers", lastVi: "Quá hạn (giờ)", lastEn: "overdue (hours)") { entry in
            entry.dossier.dueAt.map { OperationsText.hours(from: $0, to: entry.dossier.pausedAt ?? now) } ?? ""
        }
        let late = list(
            "predicted-late", board.predictedLate, "Có nguy cơ trễ hạn theo tiến độ hiện tại", "Will be late at the current pace",
            lastVi: "Dự kiến xong", lastEn: "forecast end"
        ) { OperationsText.time($0.predictedEnd) }
        let due = list("due-today", board.dueToday, "Đến hạn hôm nay", "Due today", lastVi: "Còn (giờ)", lastEn: "hours left") { entry in
            entry.dossier.dueAt.map { OperationsText.hours(from: now, to: $0) } ?? ""
        }
        let channelChart = SVGChart.horizontalBars(channels, title: "Tiếp nhận hôm nay theo kênh / received today by channel", width: 560)
        let stepChart = SVGChart.horizontalBars(
            steps, title: "Đang giải quyết theo bước, trong ngoặc số quá hạn / in progress by step, overdue in brackets", width: 560)
        let trendChart = SVGChart.columnsWithRate(
            days, title: "Hồ sơ tiếp nhận mỗi ngày (cột) và tỷ lệ đúng hạn (đường) / dossiers received per day (columns) and on-time rate (line)")
        return """
            <div class="ops-panel" data-generated-at="\(Int64(now.timeIntervalSince1970 * 1000))">
            <p class="ops-scope"><strong>\(snapshot.nameVi.htmlEscaped)</strong> <span lang="en">\(snapshot.nameEn.htmlEscaped)</span> · \
            cập nhật / updated <time data-testid="generated-at">\(OperationsText.time(now).htmlEscaped)</time></p>
            <div class="ops-tiles">
            \(tile("received-today", receivedTotal, "Tiếp nhận hôm nay", "Received today"))
            \(tile("open", board.openCount, "Đang giải quyết", "In progress"))
            \(tile("due-today", board.dueToday.count, "Đến hạn hôm nay", "Due today"))
            \(tile("overdue", board.overdue.count, "Quá hạn", "Overdue", alert: true))
            \(tile("predicted-late", board.predictedLate.count, "Có nguy cơ trễ hạn", "Will be late at this pace", alert: true))
            </div>
            <div class="ops-grid">
            <section><h2>Tiếp nhận hôm nay theo kênh <span lang="en">Received today by channel</span> \(csv("received-today"))</h2>
            \(channelChart)</section>
            <section><h2>Đang giải quyết theo bước <span lang="en">In progress by step</span> \(csv("steps"))</h2>
            \(stepChart)</section>
            </div>
            \(overdue)
            \(late)
            \(accuracy())
            \(due)
            <section><h2>Xu hướng 30 ngày: hồ sơ tiếp nhận và tỷ lệ đúng hạn <span lang="en">30-day trend: received and on-time rate</span> \(csv("trend"))</h2>
            \(trendChart)</section>
            \(ranking())
            </div>
            """
    }

    private func tile(_ id: String, _ value: Int, _ vi: String, _ en: String, alert: Bool = false) -> String {
        """
        <div class="ops-tile\(alert && value > 0 ? " alert" : "")"><span class="figure" data-testid="\(id)">\(value)</span>\
        <span class="caption">\(vi.htmlEscaped)<span lang="en">\(en.htmlEscaped)</span></span></div>
        """
    }

    private func csv(_ table: String) -> String {
        "<button type=\"button\" class=\"secondary csv\" data-table=\"\(table)\">CSV</button>"
    }

    private func list(
        _ id: String, _ entries: [OperationsBoard.Entry], _ vi: String, _ en: String, lastVi: String, lastEn: String,
        last: (OperationsBoard.Entry) -> String
    ) -> String {
        let rows = entries.prefix(Self.rowsOnScreen).map { entry in
            let d = entry.dossier
            return """
                <tr><td>\(d.code.htmlEscaped)</td><td>\((snapshot.names[d.agencyID]?.nameVi ?? d.agencyID).htmlEscaped)</td>\
                <td>\(OperationsText.step(d.step).vi.htmlEscaped)</td><td>\((d.handlerName ?? "—").htmlEscaped)</td>\
                <td>\(OperationsText.time(d.dueAt).htmlEscaped)</td><td>\(last(entry).htmlEscaped)</td></tr>
                """
        }.joined(separator: "\n")
        let more = entries.count > Self.rowsOnScreen
            ? "<p>… và \(entries.count - Self.rowsOnScreen) hồ sơ khác (xem CSV) <span lang=\"en\">and \(entries.count - Self.rowsOnScreen) more (see the CSV)</span></p>" : ""
        return """
            <section id="list-\(id)"><h2>\(vi.htmlEscaped) (\(entries.count)) <span lang="en">\(en.htmlEscaped)</span> \(csv(id))</h2>
            <table><thead><tr><th>Mã hồ sơ <span lang="en">code</span></th><th>Đơn vị <span lang="en">unit</span></th>\
            <th>Bước <span lang="en">step</span></th><th>Cán bộ xử lý <span lang="en">official</span></th>\
            <th>Hạn <span lang="en">due</span></th><th>\(lastVi.htmlEscaped) <span lang="en">\(lastEn.htmlEscaped)</span></th></tr></thead>
            <tbody>
            \(rows.isEmpty ? "<tr><td colspan=\"6\">Không có / none</td></tr>" : rows)
            </tbody></table>\(more)</section>
            """
    }

    private func accuracy() -> String {
        let a = snapshot.accuracy
        return """
            <section class="ops-accuracy"><h2>Độ chính xác của dự báo trên dữ liệu đã qua <span lang="en">Forecast accuracy on past data</span> \(csv("accuracy"))</h2>
            <p>Độ chính xác <span lang="en">precision</span>: <strong data-testid="precision">\(OperationsText.rate(a.precision))</strong> · \
            độ bao phủ <span lang="en">recall</span>: <strong data-testid="recall">\(OperationsText.rate(a.recall))</strong> · \
            \(a.forecasts) lần dự báo <span lang="en">forecasts</span> (đúng trễ / true late \(a.truePositives), báo nhầm / false alarms \(a.falsePositives), \
            bỏ sót / missed \(a.falseNegatives), đúng hạn / on time \(a.trueNegatives); không đủ dữ liệu / no basis \(a.unpredicted)).</p>
            <p><small>Dự báo tại mỗi bước của hồ sơ tiếp nhận từ \(OperationsText.time(snapshot.backtestStart).htmlEscaped) đã giải quyết xong, \
            bằng trung vị thời gian còn lại theo cơ quan × thủ tục × bước đo trên hồ sơ tiếp nhận trước đó. \
            <span lang="en">A forecast at each step of the dossiers received since then and finished, from the median time left per agency × \
            procedure × step measured on dossiers received before; the live forecast uses the last 120 days (\(snapshot.modelSamples) measurements); \
            \(snapshot.board.unforecast) dossiers in progress have too little history to forecast.</span></small></p></section>
            """
    }

    private func ranking() -> String {
        func bars(_ ranked: [OperationsSnapshot.Ranked]) -> String {
            let bars: [SVGChart.Bar] = ranked.map { row in
                SVGChart.Bar(
                    label: "\(row.rank). \(row.agency.nameVi)", value: (row.onTimeRate ?? 0) * 100,
                    text: "\(OperationsText.rate(row.onTimeRate)) (\(row.received))", colour: (row.onTimeRate ?? 0) < 0.9 ? "#c05621" : "#2f855a")
            }
            return SVGChart.horizontalBars(bars, title: "Tỷ lệ đúng hạn / on-time rate", maximum: 100, width: 720)
        }
        let communes = snapshot.communes
        // A wall screen holds the ten best and the ten lowest of the province's communes and wards.
        let shown = communes.count <= 20 ? communes : Array(communes.prefix(10)) + Array(communes.suffix(10))
        return """
            <section><h2>Xếp hạng đúng hạn tháng \(snapshot.month.label.htmlEscaped) <span lang="en">On-time ranking, \(snapshot.month.label.htmlEscaped)</span> \(csv("ranking"))</h2>
            <div class="ops-grid"><div><h3>Xã, phường <span lang="en">Communes and wards</span> (\(communes.count))</h3>\
            \(shown.isEmpty ? "<p>Chưa có hồ sơ / no dossiers yet</p>" : bars(shown))</div>
            <div><h3>Sở, ngành <span lang="en">Departments</span> (\(snapshot.departments.count))</h3>\
            \(snapshot.departments.isEmpty ? "<p>Chưa có hồ sơ / no dossiers yet</p>" : bars(snapshot.departments))</div></div></section>
            """
    }
}
