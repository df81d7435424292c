/// A signed result in a person's archive that is valid today: what intake may reuse for a component.
public struct ArchivedResult: Sendable, Hashable {
    public let id: String
    public let type: ResultType

    public init(id: String, type: ResultType) {
        self.id = id
        self.type = type
    }
}
