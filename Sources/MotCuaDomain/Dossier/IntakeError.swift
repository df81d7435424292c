/// A new-dossier request that cannot be accepted: names the field and what to do. Maps to HTTP 422,
/// or 403 when the actor may not receive at that agency.
public struct IntakeError: Error, Sendable, Hashable, CustomStringConvertible {
    public let field: String
    public let message: String
    public let forbidden: Bool

    public init(field: String, _ message: String, forbidden: Bool = false) {
        self.field = field
        self.message = message
        self.forbidden = forbidden
    }

    public var description: String { "\(field): \(message)" }
}
