/// Sex as recorded in the population register.
public enum Sex: String, Sendable, Codable, Hashable, CaseIterable {
    case male
    case female

    /// Vietnamese label as printed on the ID card ("Nam" / "Nữ").
    public var labelVi: String { self == .male ? "Nam" : "Nữ" }
}
