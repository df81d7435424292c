import MotCuaAPI
import MotCuaDomain

/// The public verification page: the state in large type, then the issuing agency, signer, date and the
/// holder's masked name. Nothing else about the person.
struct VerifyPage {
    let id: String
    let report: Components.Schemas.VerificationReport?

    /// `dd/MM/yyyy`, as Vietnamese documents write dates.
    static func dayMonthYear(_ iso: String) -> String {
        LocalDate(iso: iso)?.vietnamese ?? iso
    }

    func render() -> String {
        let status = report.map { VerificationStatus(rawValue: $0.status.rawValue) ?? .unknown } ?? .unknown
        var rows: [(String, String, String?)] = []
        if let report {
            rows = [
                ("Loại kết quả", "result type", report.nameVi.map { "\($0) / \(report.nameEn ?? "")" }),
                ("Cơ quan cấp", "issued by", report.issuingAgency),
                ("Người ký", "signed by", report.signerName.map { "\($0) — \(report.signerTitle ?? "")" }),
                ("Ngày cấp", "issued on", report.issuedOn.map(Self.dayMonthYear)),
                ("Có giá trị đến", "valid until", report.validUntil.map(Self.dayMonthYear)),
                ("Sổ / số", "register", report.registerNumber.map { "\($0) / \(report.registerBook ?? "")" }),
                ("Người được cấp", "holder", report.holder),
                ("Phiên bản", "version", report.version.map(String.init)),
                ("Thay thế bởi", "superseded by", report.supersededBy),
                ("Lý do thu hồi", "revocation reason", report.revocationReason),
            ]
        }
        let facts = rows.compactMap { vi, en, value in
            value.map { "<tr><th>\(vi) <span lang=\"en\">/ \(en)</span></th><td>\($0.htmlEscaped)</td></tr>" }
        }.joined(separator: "\n")
        return """
            <!doctype html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Xác thực kết quả / verify a result — MotCua Bắc Ninh</title>
            <style>
            body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 1.5rem auto; padding: 0 1rem; color: #111; }
            .status { font-size: 2rem; font-weight: 700; padding: .75rem 1rem; border-radius: .5rem; }
            .valid { background: #e3f5e8; color: #0b5d1e; } .revoked, .unknown { background: #fde8e8; color: #8a1111; }
            .superseded, .expired { background: #fff4d6; color: #6b4a00; }
            th { text-align: left; padding: .3rem .8rem .3rem 0; font-weight: 600; vertical-align: top; } span[lang=en] { font-weight: 400; color: #555; }
            </style>
            </head>
            <body>
            <main>
            <h1>Xác thực kết quả giải quyết thủ tục hành chính <span lang="en">/ result verification</span></h1>
            <p>Mã kết quả / result id: <strong>\(id.htmlEscaped)</strong></p>
            <p class="status \(status.rawValue)">\(ResultPrintPage.statusTextVi(status).htmlEscaped) / <span data-testid="verification-status">\(status.rawValue)</span></p>
            <table>
            \(facts)
            </table>
            <p>Tệp kết quả (.jws) có thể kiểm tra ngoại tuyến bằng chứng thư của tỉnh tại /ca.pem và danh sách thu hồi /crl.pem, /revocations.json. \
            <span lang="en">The signed file (.jws) can be checked offline with the province's CA certificate at /ca.pem and the revocation lists /crl.pem, /revocations.json.</span></p>
            </main>
            </body>
            </html>

            """
    }
}
