/// Why a transition was refused. `kind` maps to the HTTP status; the message names the rule.
public struct TransitionError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The actor may not do this (HTTP 403).
        case forbidden
        /// The dossier is not in a state that allows it, or the version is stale (HTTP 409).
        case conflict
        /// The request itself is incomplete or invalid (HTTP 422).
        case invalid
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
