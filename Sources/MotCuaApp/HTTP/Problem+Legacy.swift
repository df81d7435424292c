import HTTPTypes
import MotCuaDomain

extension Problem {
    /// A refusal about a legacy register, as problem details naming the field or file.
    static func from(_ error: LegacyRegisterError) -> Problem {
        switch error {
        case .invalid(let field, let message):
            Problem.invalid("Trường \(field) không hợp lệ / \(field): \(message)", field: field)
        case .notAnImage(let file, let reason):
            Problem(.unprocessableContent, "not-an-image", "Tệp \(file) không phải ảnh JPEG hoặc PNG / \(file) is not a JPEG or PNG image: \(reason)", field: file)
        case .missingFile(let file):
            Problem.invalid("Danh mục trang nêu tệp \(file) nhưng không có tệp này / the manifest names \(file), which is missing", field: file)
        case .alreadyImported(let book, let byContent):
            Problem(
                .conflict, "already-imported",
                byContent
                    ? "Các trang này đã được nhập thành sổ \(book) / already imported: the same pages were imported as book \(book)"
                    : "Sổ \(book) đã được nhập / already imported: book \(book)")
        case .notFound:
            Problem.notFound("Không tìm thấy / not found")
        case .conflict(let message):
            Problem(.conflict, "stale-version", "Mục đã thay đổi hoặc không ở bước này / \(message); reload")
        case .sameOfficer:
            Problem.forbidden("Người nhập không được tự kiểm tra bản ghi của mình / the officer who entered a record cannot verify it")
        case .notAnArchive:
            Problem(
                .unsupportedMediaType, "not-a-zip",
                "Tệp gửi lên không phải tệp nén ZIP / the uploaded file is not a ZIP archive (judged by its content)", field: "body")
        }
    }
}
