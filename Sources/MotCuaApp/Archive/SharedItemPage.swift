import Foundation
import Hummingbird
import MotCuaAPI
import MotCuaDomain
import MotCuaStorage
import NIOCore

/// The public page a shared link opens: what the item is, its state in large type (a revoked result says so),
/// the holder's name as the result states it (the citizen chose to share it), and the download. No sign-in.
struct SharedItemPage {
    let token: String
    let item: Components.Schemas.SharedItem?
    /// Why there is no item: the share ended (410) or there is no such link (404).
    let problem: Problem?

    func render() -> String {
        var body: String
        if let item {
            let state = VerificationStatus(rawValue: item.state.rawValue)
            let stateText = state.map { ResultPrintPage.statusTextVi($0) } ?? "Bản số hóa đã lưu"
            let rows: [(String, String, String?)] = [
                ("Loại", "type", "\(item.nameVi) / \(item.nameEn)"),
                ("Cơ quan cấp", "issued by", item.kind == .result ? item.issuer : nil),
                ("Người ký", "signed by", item.signerName.map { "\($0) — \(item.signerTitle ?? "")" }),
                ("Ngày", "date", VerifyPage.dayMonthYear(item.date)),
                ("Có giá trị đến", "valid until", item.validUntil.map(VerifyPage.dayMonthYear)),
                ("Sổ / số", "register", item.registerNumber.map { "\($0) / \(item.registerBook ?? "")" }),
                ("Người được cấp", "holder", item.holderName),
                ("Định dạng", "format", item.mediaType.map { "\($0), \(item.pages ?? 1) trang / pages" }),
                ("Chia sẻ cho", "shared with", item.label),
                ("Chia sẻ đến hết ngày", "shared through", Self.lastDay(before: item.sharedUntil)),
            ]
            let facts = rows.compactMap { vi, en, value in
                value.map { "<tr><th>\(vi) <span lang=\"en\">/ \(en)</span></th><td>\($0.htmlEscaped)</td></tr>" }
            }.joined(separator: "\n")
            body = """
                <p class="status \(item.state.rawValue)">\(stateText.htmlEscaped) / <span data-testid="shared-state">\(item.state.rawValue)</span></p>
                <table>
                \(facts)
                </table>
                <p><a data-testid="shared-download" href="/api/v1/shared/\(token.htmlEscaped)/file" download="\(item.fileName.htmlEscaped)">Tải tệp \
                <span lang="en">/ download</span> \(item.fileName.htmlEscaped)</a></p>
                <p>Mỗi lần mở đều được ghi lại và người chia sẻ xem được. <span lang="en">Every opening is recorded and shown to the person who shared it.</span></p>
                """
            if item.kind == .result {
                body += """
                    <p>Tệp kết quả (.jws) kiểm tra được tại /verify hoặc ngoại tuyến bằng chứng thư /ca.pem. \
                    <span lang="en">The signed file (.jws) can be checked at /verify or offline with /ca.pem.</span></p>
                    """
            }
        } else {
            let gone = problem?.status == .gone
            body = """
                <p class="status revoked" data-testid="shared-refused">\(gone ? "Chia sẻ đã kết thúc (thu hồi hoặc hết hạn)" : "Không có chia sẻ này") / \
                <span lang="en">\(gone ? "this share has ended (revoked or expired)" : "no such share")</span></p>
                """
        }
        return """
            <!doctype html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <title>Giấy tờ được chia sẻ / shared document — MotCua Bắc Ninh</title>
            <style>
            body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 1.5rem auto; padding: 0 1rem; color: #111; }
            .status { font-size: 1.6rem; font-weight: 700; padding: .75rem 1rem; border-radius: .5rem; }
            .valid, .stored { background: #e3f5e8; color: #0b5d1e; } .revoked { background: #fde8e8; color: #8a1111; }
            .superseded, .expired { background: #fff4d6; color: #6b4a00; }
            th { text-align: left; padding: .3rem .8rem .3rem 0; font-weight: 600; vertical-align: top; } span[lang=en] { font-weight: 400; color: #555; }
            </style>
            </head>
            <body>
            <main>
            <h1>Giấy tờ được công dân chia sẻ <span lang="en">/ a document shared by its holder</span></h1>
            \(body)
            </main>
            </body>
            </html>

            """
    }

    /// The last day (Vietnam time, `dd/MM/yyyy`) a share opens: the day before the midnight it ends at.
    static func lastDay(before end: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = WorkingCalendar.timeZone
        formatter.dateFormat = "dd/MM/yyyy"
        return formatter.string(from: end.addingTimeInterval(-1))
    }

    /// `GET /shared/{token}`: the page, or the JSON of `GET /api/v1/shared/{token}` when the client asks for JSON.
    struct Routes {
        let api: APIImplementation

        func add(to router: Router<AppRequestContext>) {
            router.get("/shared/:token") { request, context -> Response in
                try api.shareLimiter.admit(context.remoteAddress)
                let token = context.parameters.get("token") ?? ""
                var item: Components.Schemas.SharedItem?
                var problem: Problem?
                do {
                    item = .init(try await api.sharing.openLink(token: token, action: .view))
                } catch let error as ArchiveShareError {
                    problem = .from(error)
                }
                if request.headers[.accept]?.contains("application/json") == true {
                    if let problem { throw problem }
                    let data = try JSONEncoder.sharedItem.encode(item)
                    return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
                }
                return Response(
                    status: problem?.status ?? .ok,
                    headers: [
                        .contentType: "text/html; charset=utf-8", .contentSecurityPolicy: ResultPublicRoutes.pagePolicy, .cacheControl: "no-store",
                    ],
                    body: .init(byteBuffer: ByteBuffer(string: SharedItemPage(token: token, item: item, problem: problem).render())))
            }
        }
    }
}

extension JSONEncoder {
    /// The API's JSON for a shared item (RFC 3339 instants).
    static var sharedItem: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }
}
