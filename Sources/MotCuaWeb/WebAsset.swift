import HTTPTypes
import Hummingbird
import NIOCore

/// One file of the front end held in memory, with the headers it is served with.
struct WebAsset: Sendable {
    let name: String
    let body: ByteBuffer
    let contentType: String
    let etag: String

    init(name: String, bytes: [UInt8], contentType: String) {
        self.name = name
        self.body = ByteBuffer(bytes: bytes)
        self.contentType = contentType
        self.etag = "\"\(Self.fingerprint(bytes))-\(bytes.count)\""
    }

    var isPage: Bool { contentType.hasPrefix("text/html") }

    /// The file, or 304 when the browser already holds this version.
    func response(to request: Request) -> Response {
        var headers = Self.securityHeaders
        headers[.eTag] = etag
        // There is no build step to fingerprint file names, so every file is revalidated on each use: the
        // ETag makes that a 304 without a body, and a new release shows at once instead of after a max-age.
        headers[.cacheControl] = "no-cache"
        let offered: [String] = request.headers[values: .ifNoneMatch]
            .flatMap { $0.split(separator: ",") }.map { String($0.filter { $0 != " " }) }
        if offered.contains(etag) || offered.contains("*") {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }

    /// An unknown asset: a short bilingual page, not cached so a later release can add the file.
    static func notFound() -> Response {
        var headers = securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        let page = """
            <!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Không tìm thấy / not found</title></head>
            <body><h1>Không tìm thấy trang / page not found</h1><p><a href="/">Về trang chủ / home</a></p></body></html>
            """
        return Response(status: .notFound, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    /// The pages only load their own scripts and styles and only call this origin's API; they hold bearer
    /// tokens, so no framing (clickjacking) and no referrer that could leak a URL.
    static let securityHeaders: HTTPFields = [
        .contentSecurityPolicy:
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        .xContentTypeOptions: "nosniff",
        HTTPField.Name("Referrer-Policy")!: "no-referrer",
    ]

    /// The content type of the file types the site serves; `nil` for anything else.
    static func contentType(forName name: String) -> String? {
        switch name.split(separator: ".").last.map({ $0.lowercased() }) {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "ico": "image/x-icon"
        default: nil
        }
    }

    /// FNV-1a, 64-bit: stable across runs (unlike `Hasher`), which an ETag must be so that restarts and
    /// several instances answer the same tag for the same file.
    static func fingerprint(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
