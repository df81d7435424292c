/// The kinds of scanned document the platform accepts, named by their media type.
public enum DocumentMediaType: String, Sendable, Hashable, CaseIterable, Codable {
    case pdf = "application/pdf"
    case jpeg = "image/jpeg"
    case png = "image/png"

    /// A short name for messages: "PDF", "JPEG", "PNG".
    public var displayName: String {
        switch self {
        case .pdf: "PDF"
        case .jpeg: "JPEG"
        case .png: "PNG"
        }
    }

    /// The usual file extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .pdf: "pdf"
        case .jpeg: "jpg"
        case .png: "png"
        }
    }

    /// The type a client claims, from a media type (`image/jpeg; q=…` parameters ignored) or a file name's
    /// extension; nil when the claim names none of the accepted types.
    public init?(declared: String) {
        let value = String((declared.lowercased().split(separator: ";", omittingEmptySubsequences: false).first ?? "").filter { $0 != " " && $0 != "\t" })
        let suffix = value.split(separator: ".").last.map(String.init) ?? value
        switch value.contains("/") ? value : suffix {
        case "application/pdf", "pdf": self = .pdf
        case "image/jpeg", "image/jpg", "image/pjpeg", "jpg", "jpeg", "jpe": self = .jpeg
        case "image/png", "png": self = .png
        default: return nil
        }
    }
}
