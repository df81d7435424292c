/// Where a result is entered in a paper or electronic register book (sổ đăng ký), for the result types whose
/// law keeps one, e.g. `book: "01/2026-KS"`, `number: "125"`.
public struct ResultRegisterEntry: Sendable, Codable, Hashable {
    public let book: String
    public let number: String

    public init(book: String, number: String) {
        self.book = book
        self.number = number
    }
}
