/// The masked form of a person's name for the public verification page: the first letter of each word
/// followed by a fixed mask, so the page neither discloses the name nor its length ("Nguyễn Văn An" →
/// "N*** V*** A***").
enum HolderName {
    static func masked(_ name: String) -> String {
        let words = name.split(whereSeparator: { $0.isWhitespace })
        guard !words.isEmpty else { return "***" }
        return words.map { String($0.first!) + "***" }.joined(separator: " ")
    }
}
