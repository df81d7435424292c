/// A report query refused: the field it names and why (422), or a scope the caller lacks (403).
public struct ReportQueryError: Error, Sendable, Hashable {
    public let field: String
    public let message: String
    public let forbidden: Bool

    public init(field: String, message: String, forbidden: Bool = false) {
        self.field = field
        self.message = message
        self.forbidden = forbidden
    }
}
