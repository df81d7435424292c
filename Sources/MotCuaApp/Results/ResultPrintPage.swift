import Foundation
import MotCuaDomain
import MotCuaStorage

/// A signed result as a printable A4 page: the national heading, an emblem placeholder, the type's title, the
/// register entry, the legal fields, the place and date of issue, the signer with the digital-signature mark,
/// and the QR code that opens the public verification page. A revoked or superseded version prints with a
/// banner saying so, never as a valid document.
struct ResultPrintPage {
    let result: StoredResult
    let spec: ResultTypeSpec
    let verifyURL: String
    let stylesheetURL: String
    let status: VerificationStatus
    /// The issuing agency's name as printed.
    let agencyName: String

    func render() -> String {
        var body = """
            <table class="heading"><tr><td class="agency"><div class="emblem" role="img" aria-label="Quốc huy (vị trí in) / national emblem placeholder">QUỐC HUY</div>\
            \(e(agencyName.uppercased()))<br>———<br><span class="register">\(registerLine)</span></td>\
            <td class="nation">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br><u>Độc lập - Tự do - Hạnh phúc</u></td></tr></table>

            """
        if status != .valid {
            body += "<p class=\"banner\" data-testid=\"result-banner\">\(e(Self.statusText(status))) — \(e(result.revocationReason ?? result.supersededBy.map { "thay thế bởi / superseded by \($0)" } ?? ""))</p>\n"
        }
        body += "<h1>\(e(spec.nameVi.uppercased()))<span class=\"en\">\(e(spec.nameEn))</span></h1>\n"
        if result.version > 1, let previous = result.supersedes {
            body += "<p class=\"center\">Bản cải chính lần \(result.version - 1), thay thế \(e(previous)) / corrected version \(result.version), replaces \(e(previous))</p>\n"
        }
        body += "<table class=\"facts\">\n"
        for field in spec.fields {
            guard let value = result.fields[field.key] else { continue }
            body += "<tr><th>\(e(field.labelVi))<span class=\"en\">\(e(field.labelEn))</span></th><td>\(e(value))</td></tr>\n"
        }
        body += "</table>\n"
        body += """
            <table class="signatures"><tr><td class="qr-cell"><div class="qr" role="img" aria-label="Mã QR xác thực kết quả / QR code of the verification page">\(qrSVG)\
            <p>Xác thực / verify: \(e(verifyURL))</p><p>Mã kết quả / result id: <strong>\(e(result.id))</strong></p></div></td>\
            <td><p class="issued">\(e(issuedLine))</p><p>\(e((result.signatory?.title ?? "").uppercased()))</p>\
            <div class="signed" data-testid="signature-mark">Đã ký số / digitally signed<br>\(e(signedLine))</div>\
            <p>\(e(result.signatory?.name ?? ""))</p></td></tr></table>
            <p class="printed">Bản in của kết quả điện tử; giá trị pháp lý nằm ở tệp đã ký số (.jws), kiểm tra tại địa chỉ trên. / A print of an electronic result; \
            the signed file (.jws) carries the legal weight; check it at the address above.</p>

            """
        return """
            <!doctype html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <title>\(e(spec.nameVi)) \(e(result.id))</title>
            <link rel="stylesheet" href="\(e(stylesheetURL))">
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    private var qrSVG: String {
        (try? QRCode(text: verifyURL, correction: .medium).svg(moduleSize: 4, border: 4))?
            .replacingOccurrences(of: "<svg ", with: "<svg data-testid=\"result-qr\" ") ?? ""
    }

    private var registerLine: String {
        guard let register = result.register else { return "" }
        return "Số / no.: \(e(register.number)) — Quyển / book: \(e(register.book))"
    }

    private var issuedLine: String {
        guard let date = result.issuedOn else { return "" }
        return "Ngày \(String(format: "%02d", date.day)) tháng \(String(format: "%02d", date.month)) năm \(date.year)"
    }

    private var signedLine: String {
        let time = result.signedAt.map { WorkingCalendar.localTimestamp($0) } ?? ""
        return "\(time) (giờ Việt Nam) — chứng thư / certificate \(result.certificateSerial ?? "")"
    }

    static func statusText(_ status: VerificationStatus) -> String { statusTextVi(status) + " / " + status.rawValue }

    static func statusTextVi(_ status: VerificationStatus) -> String {
        switch status {
        case .valid: "Hợp lệ"
        case .revoked: "Đã thu hồi"
        case .superseded: "Đã được thay thế"
        case .expired: "Hết hiệu lực"
        case .unknown: "Không tìm thấy"
        }
    }

    private func e(_ text: String) -> String { text.htmlEscaped }
}
