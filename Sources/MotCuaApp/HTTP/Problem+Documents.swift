import HTTPTypes
import MotCuaDomain

extension Problem {
    /// A refused upload: the wrong kind of file is 415, a file over the size limit 413, a file of an accepted
    /// kind that is empty, cut short, damaged, encrypted or too large once decoded 422. The slug is the reason.
    static func from(_ error: DocumentCheckError) -> Problem {
        let status: HTTPResponse.Status
        switch error.reason {
        case .unsupportedType, .typeMismatch: status = .unsupportedMediaType
        case .uploadTooLarge: status = .contentTooLarge
        case .empty, .truncated, .damaged, .encrypted, .noPages, .tooLarge: status = .unprocessableContent
        }
        return Problem(status, error.reason.rawValue, error.message, field: "body")
    }

    static func from(_ error: DocumentNotFoundError) -> Problem {
        .notFound("Hồ sơ \(error.dossierCode) không có tài liệu \(error.documentID) / dossier \(error.dossierCode) has no document \(error.documentID)")
    }

    /// A request body whose `Content-Type` the operation does not take (the upload takes PDF, JPEG and PNG).
    static func unsupportedMediaType(_ detail: String) -> Problem {
        Problem(
            .unsupportedMediaType, "unsupported-media-type",
            "Kiểu nội dung (Content-Type) không được hỗ trợ / the Content-Type is not accepted here: \(detail)", field: "Content-Type")
    }
}
