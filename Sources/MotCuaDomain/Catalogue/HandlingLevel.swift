/// Which tier of the two-tier local government handles a procedure (districts were abolished on 1 Jul 2025).
public enum HandlingLevel: String, Sendable, Codable, Hashable, CaseIterable {
    /// Any commune or ward People's Committee (or its commune police) handles it for its residents.
    case commune
    /// One provincial body, named by `Procedure.department`, handles it for the whole province.
    case department
}
