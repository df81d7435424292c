/// An address in the two-level form in force since 1 Jul 2025: a commune-level unit of Bắc Ninh and the
/// text down to the house (domain.md §3.2).
public struct ResidenceAddress: Sendable, Hashable, Codable {
    /// Five-digit commune code of Decision 19/2025/QĐ-TTg, e.g. "09187" (phường Kinh Bắc).
    public var communeCode: String
    /// Full text, e.g. "Số 12, Thôn Đông, Xã Tiên Du, Tỉnh Bắc Ninh".
    public var text: String

    public init(communeCode: String, text: String) {
        self.communeCode = communeCode
        self.text = text
    }
}
