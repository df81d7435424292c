/// A relying party registered with the sandbox e-ID provider: a public client (no secret, PKCE instead)
/// and the exact redirect URIs it may use.
public struct EIDClient: Sendable, Hashable {
    public let id: String
    /// Compared byte for byte: an authorization code must never travel to an address the client did not register.
    public let redirectURIs: Set<String>

    public init(id: String, redirectURIs: Set<String>) {
        self.id = id
        self.redirectURIs = redirectURIs
    }

    /// The platform's own client, as `motcua serve` names it by default.
    public static let motcuaDefault = EIDClient(id: "motcua", redirectURIs: ["http://127.0.0.1:8080/auth/eid/callback"])
}
