/// A signed result in a person's archive that is valid today: what intake may reuse for a component.
public struct ArchivedResult: Sendable, Hashable, Codable {
    public let id: String
    public let type: ResultType
    /// The register number it was entered under (sổ / số), if the type keeps a register.
    public let registerNumber: String?
    /// The day it was issued (Vietnam time).
    public let issuedOn: LocalDate?

    public init(id: String, type: ResultType, registerNumber: String? = nil, issuedOn: LocalDate? = nil) {
        self.id = id
        self.type = type
        self.registerNumber = registerNumber
        self.issuedOn = issuedOn
    }

    /// The component's reference to it.
    public var reference: String { "result:" + id }
}
