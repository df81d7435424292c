import Foundation
import MotCuaDomain

/// Renders the Circular 03/2025 forms as HTML pages printed with the A4 stylesheet `/assets/forms.css`.
///
/// Every value from the record is HTML-escaped. The QR code (when `qr` is given) opens the public status
/// page of the dossier; the citizen still needs the last four digits of their ID there, so the code
/// reveals nothing by itself.
public struct FormRenderer: Sendable {
    /// Renders an SVG QR code for a URL, or `nil` when none can be drawn.
    public let qr: @Sendable (String) -> String?
    /// Absolute URL of the print stylesheet (`/assets/forms.css` of the web site): absolute, so the page
    /// also prints right when the portal opens it from a blob URL, and external, because the site's
    /// Content-Security-Policy allows no inline style.
    public let stylesheetURL: String

    public init(stylesheetURL: String, qr: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.stylesheetURL = stylesheetURL
        self.qr = qr
    }

    /// Form 01–06 for one dossier.
    /// - Throws: `FormNotApplicable` when the dossier's record has nothing for that form (e.g. 03 for a
    ///   received dossier), or for 07, which is per agency (`register`).
    public func render(_ form: OneStopForm, _ context: FormContext) throws(FormNotApplicable) -> String {
        let d = context.dossier
        var body = header(form, context)
        switch form {
        case .receipt:
            guard let receivedAt = d.receivedAt else {
                throw FormNotApplicable(form: form, reasonVi: "hồ sơ chưa được tiếp nhận", reasonEn: "the dossier has not been received")
            }
            body += facts([
                ("Tiếp nhận hồ sơ của", "Received from", d.applicantName),
                ("Thủ tục hành chính", "Procedure", procedureName(context)),
                ("Thời hạn giải quyết", "Time limit", context.procedure.map { "\($0.timeLimit.labelVi) / \($0.timeLimit.labelEn)" } ?? "—"),
                ("Thời gian tiếp nhận", "Received at", timestamp(receivedAt)),
                ("Hình thức nộp", "Channel", channel(d.channel)),
            ])
            body += componentsTable(d)
            body += "<p class=\"due\">Thời gian trả kết quả giải quyết hồ sơ / Result promised: <strong>\(d.dueAt.map(timestamp) ?? "—")</strong></p>\n"
            if d.dueProvisional {
                body += """
                    <p class="provisional"><strong>TẠM TÍNH / PROVISIONAL.</strong> Chưa có thông báo lịch nghỉ chính thức của năm mà \
                    thời hạn đi qua; ngày hẹn được tính theo các ngày nghỉ lễ luật định và sẽ được tính lại khi có thông báo. / \
                    The civil-service holiday notice of a year this period spans is not published yet; the date counts the \
                    statutory holidays only and will be recomputed when the notice is loaded.</p>

                    """
            }
            body += signatures(["Người nộp hồ sơ / Applicant", "Người tiếp nhận hồ sơ / Receiving officer"])
        case .supplementRequest:
            let entries = context.history.filter { $0.action == "request_supplement" }
            guard let last = entries.last else {
                throw FormNotApplicable(form: form, reasonVi: "chưa có yêu cầu bổ sung", reasonEn: "no supplement was requested")
            }
            body += facts([
                ("Kính gửi", "To", d.applicantName),
                ("Thủ tục hành chính", "Procedure", procedureName(context)),
                ("Ngày yêu cầu", "Requested on", timestamp(last.at)),
                ("Nội dung yêu cầu bổ sung, hoàn thiện", "What must be supplied", context.note(last) ?? "—"),
                ("Số lần yêu cầu", "Request number", "\(entries.count)"),
            ])
            body += "<p>Thời hạn giải quyết tạm dừng trong thời gian chờ bổ sung. / The processing clock is paused while waiting for the supplement.</p>\n"
            body += signatures(["Người hướng dẫn / Officer"])
        case .refusal:
            guard let entry = context.history.last(where: { $0.action == "refuse_receipt" }) else {
                throw FormNotApplicable(form: form, reasonVi: "hồ sơ không bị từ chối tiếp nhận", reasonEn: "the dossier was not refused at receipt")
            }
            body += facts([
                ("Kính gửi", "To", d.applicantName),
                ("Thủ tục hành chính", "Procedure", procedureName(context)),
                ("Ngày từ chối", "Refused on", timestamp(entry.at)),
                ("Lý do từ chối", "Reason", context.note(entry) ?? "—"),
            ])
            body += signatures(["Người tiếp nhận hồ sơ / Receiving officer"])
        case .apologyAndExtension:
            let entries = context.history.filter { $0.action == "extend" }
            guard let last = entries.last else {
                throw FormNotApplicable(form: form, reasonVi: "hồ sơ chưa được gia hạn", reasonEn: "the dossier was not extended")
            }
            body += facts([
                ("Kính gửi", "To", d.applicantName),
                ("Thủ tục hành chính", "Procedure", procedureName(context)),
                ("Ngày tiếp nhận", "Received on", d.receivedAt.map(timestamp) ?? "—"),
                ("Lý do chậm và đề nghị gia hạn", "Reason for the delay", context.note(last) ?? "—"),
                ("Ngày hẹn trả mới", "New promised date", d.dueAt.map(timestamp) ?? "—"),
            ])
            body += "<p>Cơ quan giải quyết xin lỗi ông/bà vì sự chậm trễ này. / The agency apologises for the delay.</p>\n"
            body += signatures(["Thủ trưởng cơ quan / Head of the agency"])
        case .stoppedProcessing:
            guard d.status == .stopped, let entry = context.history.last(where: { $0.action == "stop" }) else {
                throw FormNotApplicable(form: form, reasonVi: "hồ sơ không bị dừng giải quyết", reasonEn: "processing of the dossier was not stopped")
            }
            body += facts([
                ("Kính gửi", "To", d.applicantName),
                ("Thủ tục hành chính", "Procedure", procedureName(context)),
                ("Ngày dừng giải quyết", "Stopped on", timestamp(entry.at)),
                ("Lý do", "Reason", context.note(entry) ?? "—"),
            ])
            body += signatures(["Thủ trưởng cơ quan / Head of the agency"])
        case .controlSheet:
            guard d.receivedAt != nil else {
                throw FormNotApplicable(form: form, reasonVi: "hồ sơ chưa được tiếp nhận", reasonEn: "the dossier has not been received")
            }
            body += facts([
                ("Thủ tục hành chính", "Procedure", procedureName(context)),
                ("Người nộp", "Applicant", d.applicantName),
                ("Hẹn trả", "Promised", (d.dueAt.map(timestamp) ?? "—") + (d.dueProvisional ? " (tạm tính / provisional)" : "")),
            ])
            body += controlTable(context)
        case .register:
            throw FormNotApplicable(form: form, reasonVi: "sổ theo dõi in theo cơ quan và kỳ", reasonEn: "the register is printed per agency and period")
        }
        body += qrBlock(context)
        return page(form, title: "\(form.titleVi) – \(d.code)", body: body)
    }

    /// Form 07: the register of an agency's dossiers for a period.
    public func renderRegister(agency: Agency, from: LocalDate, to: LocalDate, dossiers: [Dossier], procedures: ProcedureCatalogue, printedAt: Date) -> String {
        var body = nationalHeading(agencyName: agency.nameVi)
        body += "<h1>\(OneStopForm.register.titleVi)<span class=\"en\">\(OneStopForm.register.titleEn)</span></h1>\n"
        body += "<p class=\"form-no\">Mẫu số 07 (Thông tư 03/2025/TT-VPCP)</p>\n"
        body += "<p class=\"center\">Từ ngày \(vietnameseDate(from)) đến ngày \(vietnameseDate(to))</p>\n"
        body += "<table class=\"grid\"><thead><tr><th>STT</th><th>Mã hồ sơ</th><th>Tên TTHC</th><th>Tên tổ chức, cá nhân</th>"
            + "<th>Ngày, giờ nhận</th><th>Ngày, giờ hẹn trả</th><th>Cơ quan chủ trì giải quyết</th><th>Trạng thái</th>"
            + "<th>Ngày, giờ trả kết quả</th><th>Ký nhận</th><th>Ghi chú</th></tr></thead><tbody>\n"
        for (index, d) in dossiers.enumerated() {
            let name = procedures.procedure(code: d.procedureCode)?.nameVi ?? d.procedureCode
            var remarks: [String] = []
            if d.dueProvisional { remarks.append("hẹn trả tạm tính") }
            if d.extensions > 0 { remarks.append("gia hạn \(d.extensions) lần") }
            if d.countsAsLate { remarks.append("tính là trễ hạn") }
            body += "<tr><td>\(index + 1)</td><td>\(escape(d.code))</td><td>\(escape(name))</td><td>\(escape(d.applicantName))</td>"
                + "<td>\(d.receivedAt.map(timestamp) ?? "")</td><td>\(d.dueAt.map(timestamp) ?? "")</td><td>\(escape(d.agencyID))</td>"
                + "<td>\(escape(d.status.labelVi))</td><td>\(d.returnedAt.map(timestamp) ?? "")</td><td></td><td>\(escape(remarks.joined(separator: "; ")))</td></tr>\n"
        }
        if dossiers.isEmpty { body += "<tr><td colspan=\"11\" class=\"center\">Không có hồ sơ / no dossiers</td></tr>\n" }
        body += "</tbody></table>\n<p class=\"printed\">In lúc / printed at \(timestamp(printedAt))</p>\n"
        return page(.register, title: "\(OneStopForm.register.titleVi) – \(agency.nameVi)", body: body, landscape: true)
    }

    // MARK: - Parts

    private func header(_ form: OneStopForm, _ context: FormContext) -> String {
        var html = nationalHeading(agencyName: (context.receivingAgency ?? context.handlingAgency)?.nameVi ?? context.dossier.receivingAgencyID)
        html += "<h1>\(form.titleVi)<span class=\"en\">\(form.titleEn)</span></h1>\n"
        html += "<p class=\"form-no\">Mẫu số \(form.rawValue) (Thông tư 03/2025/TT-VPCP)</p>\n"
        html += "<p class=\"code\">Mã hồ sơ / dossier code: <strong>\(escape(context.dossier.code))</strong></p>\n"
        return html
    }

    private func nationalHeading(agencyName: String) -> String {
        """
        <table class="heading"><tr><td class="agency">\(escape(agencyName.uppercased()))<br>———</td>\
        <td class="nation">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br><u>Độc lập - Tự do - Hạnh phúc</u></td></tr></table>

        """
    }

    private func facts(_ rows: [(String, String, String)]) -> String {
        var html = "<table class=\"facts\">\n"
        for (vi, en, value) in rows {
            html += "<tr><th>\(escape(vi))<span class=\"en\">\(escape(en))</span></th><td>\(escape(value))</td></tr>\n"
        }
        return html + "</table>\n"
    }

    private func componentsTable(_ d: Dossier) -> String {
        var html = "<h2>Thành phần hồ sơ / Documents</h2>\n<table class=\"grid\"><thead><tr><th>STT</th><th>Tên giấy tờ</th><th>Tình trạng</th></tr></thead><tbody>\n"
        for (index, component) in d.components.enumerated() {
            let state: String
            switch component.registrySource {
            case .some: state = component.reference == nil ? "Khai thác từ CSDL quốc gia (đang xác minh)" : "Đã khai thác từ CSDL quốc gia"
            case .none: state = component.required ? "Bắt buộc" : "Nếu có"
            }
            html += "<tr><td>\(index + 1)</td><td>\(escape(component.nameVi))</td><td>\(escape(state))</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    private func controlTable(_ context: FormContext) -> String {
        var html = "<table class=\"grid\"><thead><tr><th>Thời gian</th><th>Bước</th><th>Thao tác</th><th>Người thực hiện</th><th>Trạng thái sau</th><th>Ghi chú</th></tr></thead><tbody>\n"
        for entry in context.history {
            html += "<tr><td>\(timestamp(entry.at))</td><td>\(escape(entry.stepAfter.rawValue))</td><td>\(escape(entry.action))</td>"
                + "<td>\(escape(entry.actorRole)) \(escape(entry.actorID))</td><td>\(escape(entry.statusAfter.labelVi))</td><td>\(escape(context.note(entry) ?? ""))</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    private func signatures(_ roles: [String]) -> String {
        "<table class=\"signatures\"><tr>" + roles.map { "<td>\(escape($0))<br><em>(Ký, ghi rõ họ tên)</em></td>" }.joined() + "</tr></table>\n"
    }

    private func qrBlock(_ context: FormContext) -> String {
        let caption = "Tra cứu tình trạng hồ sơ / check the status: \(escape(context.statusURL))"
        guard let svg = qr(context.statusURL) else { return "<p class=\"status-link\">\(caption)</p>\n" }
        return "<div class=\"qr\" role=\"img\" aria-label=\"Mã QR tra cứu hồ sơ / QR code of the status page\">\(svg)<p>\(caption)</p></div>\n"
    }

    private func page(_ form: OneStopForm, title: String, body: String, landscape: Bool = false) -> String {
        """
        <!doctype html>
        <html lang="vi">
        <head>
        <meta charset="utf-8">
        <title>\(escape(title))</title>
        <link rel="stylesheet" href="\(stylesheetURL)">
        </head>
        <body\(landscape ? " class=\"landscape\"" : "")>
        \(body)</body>
        </html>

        """
    }

    // MARK: - Formatting

    private func procedureName(_ context: FormContext) -> String {
        context.procedure.map { "\($0.code) – \($0.nameVi)" } ?? context.dossier.procedureCode
    }

    private func channel(_ channel: Channel) -> String {
        switch channel {
        case .counter: "Trực tiếp / at the counter"
        case .online: "Trực tuyến / online"
        case .postal: "Bưu chính / by post"
        }
    }

    /// `HH:mm ngày dd/MM/yyyy`, Vietnam time.
    private func timestamp(_ instant: Date) -> String {
        let text = WorkingCalendar.localTimestamp(instant)  // yyyy-MM-dd HH:mm
        let date = LocalDate(iso: String(text.prefix(10)))!
        return "\(text.suffix(5)) ngày \(String(format: "%02d/%02d/%04d", date.day, date.month, date.year))"
    }

    private func vietnameseDate(_ date: LocalDate) -> String {
        String(format: "%02d/%02d/%04d", date.day, date.month, date.year)
    }

    func escape(_ text: String) -> String { text.htmlEscaped }
}
