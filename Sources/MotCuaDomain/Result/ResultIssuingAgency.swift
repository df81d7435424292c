/// The agency in whose name a result is issued: its stable key (as in ``Agency/id``) and its Vietnamese name,
/// carried in the signed record so an offline verifier sees who issued it without asking the platform.
public struct ResultIssuingAgency: Sendable, Codable, Hashable {
    public let id: String
    public let name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}
