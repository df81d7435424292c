import Foundation
import Hummingbird
import MotCuaDomain
import NIOCore

/// The public page of answered complaints and petitions (/phan-anh-kien-nghi), server-rendered without script,
/// Vietnamese and English: the agency, the category, the officer's redacted summary and the answer. Nothing the
/// citizen wrote, no name, no ID, no dossier code.
struct PetitionsPage {
    let items: [PublishedPetition]
    let page: Int

    static let pageSize = 20

    func render() -> String {
        let rows = items.map { item in
            """
            <article data-testid="published-petition">
            <h2>\(item.categoryLabel.vi.htmlEscaped) <span lang="en">/ \(item.categoryLabel.en.htmlEscaped)</span></h2>
            <p class="meta">\(item.agency.vi.htmlEscaped) <span lang="en">/ \(item.agency.en.htmlEscaped)</span> · \
            tiếp nhận / received \(item.receivedOn.description) · công khai / published \(item.publishedOn.description)</p>
            <h3>Nội dung phản ánh (tóm tắt) <span lang="en">/ the question, summarised</span></h3>
            <p class="summary">\(item.summary.htmlEscaped)</p>
            <h3>Trả lời <span lang="en">/ answer</span></h3>
            <p class="answer">\(item.answer.htmlEscaped)</p>
            </article>
            """
        }.joined(separator: "\n")
        let next = items.count == Self.pageSize ? "<a href=\"/phan-anh-kien-nghi?page=\(page + 1)\">Trang sau / next page</a>" : ""
        let previous = page > 1 ? "<a href=\"/phan-anh-kien-nghi?page=\(page - 1)\">Trang trước / previous page</a> " : ""
        return """
            <!doctype html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Trả lời phản ánh, kiến nghị / answers to complaints and petitions</title>
            <style>
            body { font-family: system-ui, sans-serif; max-width: 56rem; margin: 1.5rem auto; padding: 0 1rem; color: #111; }
            article { border-bottom: 1px solid #ddd; padding: .5rem 0 1rem; } .meta, span[lang=en] { color: #555; }
            p.summary, p.answer { white-space: pre-wrap; }
            </style>
            </head>
            <body>
            <main>
            <h1>Trả lời phản ánh, kiến nghị <span lang="en">/ answers to complaints and petitions</span></h1>
            <p>Các câu trả lời đã công khai; câu hỏi được cán bộ tóm tắt, không kèm thông tin cá nhân. \
            <span lang="en">Published answers; each question is summarised by the officer, without personal data.</span></p>
            \(rows.isEmpty ? "<p data-testid=\"no-petitions\">Chưa có câu trả lời nào được công khai / no answers published yet</p>" : rows)
            <p>\(previous)\(next)</p>
            <p><a href="/api/v1/public/petitions">JSON</a></p>
            </main>
            </body>
            </html>
            """
    }

    /// The page beside the API, without sign-in, limited per client address like `/verify`.
    struct Routes {
        let service: SatisfactionService

        func add(to router: Router<AppRequestContext>) {
            for path in ["/phan-anh-kien-nghi", "/petitions"] {
                router.get(RouterPath(path)) { request, context -> Response in
                    try service.publicLimiter.admit(context.remoteAddress)
                    let page = request.uri.queryParameters.get("page").flatMap(Int.init).map { min(max($0, 1), 5_000) } ?? 1
                    let items = try await service.published(limit: PetitionsPage.pageSize, offset: (page - 1) * PetitionsPage.pageSize)
                        .compactMap { PublishedPetition($0, service: service) }
                    let html = PetitionsPage(items: items, page: page).render()
                    return Response(
                        status: .ok,
                        headers: [
                            .contentType: "text/html; charset=utf-8", .contentSecurityPolicy: TransparencyRoutes.pagePolicy, .cacheControl: "no-store",
                        ],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
                }
            }
        }
    }
}
