/// Why an uploaded file was refused. The message (Vietnamese, then English) says what is wrong and what to
/// do, and never quotes the file's content. Maps to HTTP 422 (an upload over the size limit is a 413 at the edge).
public struct DocumentCheckError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of refusal, stable for clients (used as the problem's slug).
    public enum Reason: String, Sendable, Hashable {
        case empty = "document-empty"
        case unsupportedType = "document-unsupported-type"
        case typeMismatch = "document-type-mismatch"
        case truncated = "document-truncated"
        case damaged = "document-damaged"
        case encrypted = "document-encrypted"
        case noPages = "document-no-pages"
        case tooLarge = "document-too-large"
        /// The upload itself is over the configured size (HTTP 413).
        case uploadTooLarge = "document-upload-too-large"
    }

    public let reason: Reason
    public let message: String

    init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { "\(reason.rawValue): \(message)" }

    static let empty = Self(.empty, "Tệp rỗng (0 byte) / the file is empty")

    static let unsupportedType = Self(
        .unsupportedType,
        "Chỉ nhận tệp PDF, JPEG hoặc PNG; nội dung tệp không thuộc loại nào trong số đó / only PDF, JPEG or PNG files are accepted, "
            + "and the content is none of these")

    static func typeMismatch(declared: DocumentMediaType, actual: DocumentMediaType) -> Self {
        Self(
            .typeMismatch,
            "Tệp được khai là \(declared.displayName) nhưng nội dung là \(actual.displayName) / the file is declared as "
                + "\(declared.displayName) but its content is \(actual.displayName)")
    }

    static func truncated(_ type: DocumentMediaType) -> Self {
        Self(
            .truncated,
            "Tệp \(type.displayName) bị cắt cụt, thiếu phần cuối; hãy quét hoặc tải lên lại / the \(type.displayName) file is "
                + "truncated (its end is missing); scan or upload it again")
    }

    /// A structural fault; `vi` and `en` say which part, never what it contains.
    static func damaged(_ type: DocumentMediaType, vi: String, en: String) -> Self {
        Self(.damaged, "Tệp \(type.displayName) bị hỏng: \(vi) / the \(type.displayName) file is damaged: \(en)")
    }

    static let encrypted = Self(
        .encrypted,
        "Tệp PDF được mã hóa hoặc đặt mật khẩu; hãy nộp bản không mã hóa / the PDF is encrypted or password-protected; "
            + "upload an unencrypted copy")

    static let noPages = Self(.noPages, "Tệp PDF không có trang nào / the PDF has no pages")

    static func tooLarge(_ type: DocumentMediaType, limit: Int) -> Self {
        let mebibytes = max(1, limit / 1_048_576)
        return Self(
            .tooLarge,
            "Tệp \(type.displayName) giải nén vượt quá \(mebibytes) MiB / the \(type.displayName) file decompresses to more than "
                + "\(mebibytes) MiB")
    }

    /// The upload is longer than the platform accepts; `limit` is the configured maximum in bytes.
    public static func uploadTooLarge(limit: Int) -> Self {
        let size = limit >= 1_048_576 ? "\(limit / 1_048_576) MiB" : "\(limit) byte"
        return Self(
            .uploadTooLarge,
            "Tệp vượt quá dung lượng tối đa \(size) (\(limit) byte) / the file exceeds the maximum upload size of \(size) (\(limit) bytes)")
    }
}
