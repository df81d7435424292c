import Foundation
import HTTPTypes
import HummingbirdTesting
import MotCuaDomain
import NIOCore
import Testing

/// Files for the upload tests, made here: a hand-written PDF, a QR code as PNG, and a JPEG made by Pillow
/// (the repository's sample set, `Tests/documents`).
enum ScanSamples {
    /// A minimal PDF with a classic cross-reference table and correct offsets; `filler` bytes of page content
    /// make it as large as a test needs.
    static func pdf(pages: Int, filler: Int = 0, trailerExtra: String = "") -> [UInt8] {
        var objects = ["<< /Type /Catalog /Pages 2 0 R >>"]
        let kids = (0..<pages).map { "\($0 + 3) 0 R" }.joined(separator: " ")
        objects.append("<< /Type /Pages /Kids [\(kids)] /Count \(pages) >>")
        let content = pages + 3
        for _ in 0..<pages { objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents \(content) 0 R >>") }
        var file: [UInt8] = Array("%PDF-1.4\n%âãÏÓ\n".utf8)
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(file.count)
            file += Array("\(index + 1) 0 obj\n\(object)\nendobj\n".utf8)
        }
        offsets.append(file.count)
        let stream = Array("BT /F1 12 Tf 72 720 Td (Giay khai sinh) Tj ET\n".utf8) + [UInt8](repeating: 0x20, count: filler)
        file += Array("\(content) 0 obj\n<< /Length \(stream.count) >>\nstream\n".utf8) + stream + Array("\nendstream\nendobj\n".utf8)
        let xref = file.count
        var tail = "xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { tail += String(format: "%010d 00000 n \n", offset) }
        tail += "trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R\(trailerExtra) >>\nstartxref\n\(xref)\n%%EOF\n"
        return file + Array(tail.utf8)
    }

    /// A QR code of Vietnamese text as a 1-bit PNG, from the domain's renderer.
    static func png() throws -> [UInt8] {
        try QRCode(text: "Bản sao giấy chứng sinh — Trạm y tế phường Kinh Bắc").png(scale: 3, border: 4)
    }

    /// A real JPEG (120 × 80, made by Pillow).
    static func jpeg() throws -> [UInt8] {
        try sample("pillow-rgb.jpg")
    }

    static func sample(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("documents/\(name)")
        return Array(try Data(contentsOf: url))
    }
}

extension Client {
    /// Sends a file as the body of a request (not JSON), with its media type.
    func send(
        _ method: HTTPRequest.Method, _ path: String, bytes: [UInt8], contentType: String?
    ) async throws -> (status: HTTPResponse.Status, body: String, headers: HTTPFields) {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer " + token }
        if let contentType { headers[.contentType] = contentType }
        return try await client.execute(uri: path, method: method, headers: headers, body: ByteBuffer(bytes: bytes)) { response in
            (response.status, String(buffer: response.body), response.headers)
        }
    }

    /// Uploads a scan of one component of a dossier.
    func upload(
        _ code: String, component: String, _ bytes: [UInt8], contentType: String? = "application/pdf", fileName: String? = nil
    ) async throws -> (status: HTTPResponse.Status, body: String, headers: HTTPFields) {
        let query = fileName.map { "?fileName=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) } ?? ""
        return try await send(.post, "/api/v1/dossiers/\(code)/components/\(component)/documents" + query, bytes: bytes, contentType: contentType)
    }

    /// Downloads a document's bytes.
    func download(_ code: String, id: String) async throws -> (status: HTTPResponse.Status, bytes: [UInt8], headers: HTTPFields) {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer " + token }
        return try await client.execute(uri: "/api/v1/dossiers/\(code)/documents/\(id)", method: .get, headers: headers) { response in
            (response.status, Array(buffer: response.body), response.headers)
        }
    }
}

struct DocumentJSON: Decodable, Equatable {
    let id: String
    let dossierCode: String
    let component: String
    let mediaType: String
    let sha256: String
    let size: Int
    let pages: Int
    let width: Int?
    let height: Int?
    let digitisedBy: String
}
