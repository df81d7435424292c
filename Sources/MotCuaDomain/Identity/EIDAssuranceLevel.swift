/// Identity assurance level of a national e-ID (VNeID) account, as the provider asserts it in the ID token's
/// `acr` claim: `urn:vn:eid:ial:1` or `urn:vn:eid:ial:2`.
///
/// The URNs are this platform's convention with the sandbox provider; they are kept in the domain so the
/// provider and the relying party cannot drift apart.
public enum EIDAssuranceLevel: Int, Sendable, Hashable, CaseIterable, Codable {
    /// Level 1: registered in the app and matched against the population register only.
    case basic = 1
    /// Level 2: verified in person with the chip card; needed to submit dossiers online.
    case verified = 2

    /// The `acr` claim value.
    public var acr: String { "urn:vn:eid:ial:\(rawValue)" }

    /// The level an `acr` claim names; nil for any other value.
    public init?(acr: String) {
        guard let level = Self.allCases.first(where: { $0.acr == acr }) else { return nil }
        self = level
    }
}
