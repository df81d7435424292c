/// Result identifiers: `KQ-` and 16 characters of Crockford base32 from 80 random bits, so identifiers printed
/// in QR codes cannot be enumerated by a visitor of the public verification page.
enum ResultIdentifier {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return "KQ-" + String((0..<16).map { _ in alphabet[Int(generator.next() % 32)] })
    }

    /// Whether `id` has the form of an identifier (checked before any database read).
    static func isWellFormed(_ id: String) -> Bool {
        let utf8 = Array(id.utf8)
        guard utf8.count >= 7, utf8.count <= 44, id.hasPrefix("KQ-") else { return false }
        return utf8.dropFirst(3).allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) }
    }
}
