/// The official who signs a result: their name, their civil-servant identifier (not a citizen ID) and the
/// title under which they sign (e.g. "Chủ tịch", "Phó Giám đốc").
public struct ResultSignatory: Sendable, Codable, Hashable {
    public let name: String
    public let officialID: String
    public let title: String

    public init(name: String, officialID: String, title: String) {
        self.name = name
        self.officialID = officialID
        self.title = title
    }
}
