import Foundation
import HTTPTypes
import MotCuaAPI
import MotCuaDomain
import MotCuaStorage
import OpenAPIRuntime

/// Scanned documents of dossiers: upload (streamed), listing, download (streamed and logged).
extension APIImplementation {
    func uploadDossierDocument(_ input: Operations.UploadDossierDocument.Input) async throws -> Operations.UploadDossierDocument.Output {
        let (caller, scope) = try caller(.uploadDossierDocument)
        let body: HTTPBody
        let contentType: DocumentMediaType?
        switch input.body {
        case .pdf(let file): (body, contentType) = (file, .pdf)
        case .jpeg(let file): (body, contentType) = (file, .jpeg)
        case .png(let file): (body, contentType) = (file, .png)
        case .binary(let file): (body, contentType) = (file, nil)
        }
        let declared = try Self.declaredType(contentType: contentType, fileName: input.query.fileName)
        var length: Int?
        if case .known(let known) = body.length { length = Int(known) }
        let document = try await documents.upload(
            code: input.path.code, component: input.path.component, declared: declared, length: length, body: body, by: caller, scope: scope)
        return .created(.init(body: .json(.init(document))))
    }

    func listDossierDocuments(_ input: Operations.ListDossierDocuments.Input) async throws -> Operations.ListDossierDocuments.Output {
        let (caller, scope) = try caller(.listDossierDocuments)
        let list = try await documents.list(code: input.path.code, by: caller, scope: scope)
        return .ok(.init(body: .json(list.map(Components.Schemas.DigitisedDocument.init))))
    }

    func downloadDossierDocument(_ input: Operations.DownloadDossierDocument.Input) async throws -> Operations.DownloadDossierDocument.Output {
        let (caller, scope) = try caller(.downloadDossierDocument)
        let (document, reader) = try await documents.open(code: input.path.code, id: input.path.id, by: caller, scope: scope)
        let file = Self.stream(reader)
        let headers = Operations.DownloadDossierDocument.Output.Ok.Headers(contentDisposition: Self.attachment(document))
        switch document.mediaType {
        case .pdf: return .ok(.init(headers: headers, body: .pdf(file)))
        case .jpeg: return .ok(.init(headers: headers, body: .jpeg(file)))
        case .png: return .ok(.init(headers: headers, body: .png(file)))
        }
    }

    /// The type the client claims, from `Content-Type` and the file name's extension; both, when given, must
    /// name the same accepted type (415 otherwise).
    static func declaredType(contentType: DocumentMediaType?, fileName: String?) throws -> DocumentMediaType? {
        guard let fileName, let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return contentType }
        let suffix = String(fileName[fileName.index(after: dot)...])
        guard let named = DocumentMediaType(declared: suffix) else {
            throw Problem(
                .unsupportedMediaType, DocumentCheckError.Reason.unsupportedType.rawValue,
                "Chỉ nhận tệp .pdf, .jpg, .jpeg hoặc .png, không nhận .\(suffix) / only .pdf, .jpg, .jpeg or .png files are accepted, not .\(suffix)",
                field: "fileName")
        }
        if let contentType, contentType != named {
            throw Problem(
                .unsupportedMediaType, DocumentCheckError.Reason.typeMismatch.rawValue,
                "Tên tệp là \(named.displayName) nhưng Content-Type là \(contentType.displayName) / the file name says \(named.displayName) "
                    + "but Content-Type says \(contentType.displayName)",
                field: "fileName")
        }
        return named
    }

    /// `attachment` with a plain ASCII name built from the component and the document id, never the client's name.
    static func attachment(_ document: DigitisedDocument) -> String {
        let safe = document.componentCode.unicodeScalars.filter { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-")
        }
        let component = safe.isEmpty ? "document" : String(String.UnicodeScalarView(safe))
        let name = component + "-" + document.id.lowercasedText.prefix(8) + "." + document.mediaType.fileExtension
        return "attachment; filename=\"\(name)\""
    }
}

extension Components.Schemas.DigitisedDocument {
    init(_ d: DigitisedDocument) {
        self.init(
            id: d.id.lowercasedText, dossierCode: d.dossierCode, component: d.componentCode,
            mediaType: .init(rawValue: d.mediaType.rawValue)!, sha256: d.digest.hex, size: Int64(d.size), pages: d.pages, width: d.width,
            height: d.height, digitisedAt: d.digitisedAt, digitisedBy: .init(rawValue: d.digitisedByKind.rawValue)!)
    }
}
