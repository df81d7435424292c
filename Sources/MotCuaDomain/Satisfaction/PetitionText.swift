import Foundation

/// Checks of the free text citizens and officers write: NFC, trimmed, bounded, no control characters
/// (except line breaks and tabs in long text), and for what is published, no run of digits that could be an
/// ID or a phone number.
public enum PetitionText {
    /// Bounds on the citizen's content and the officer's texts.
    public static let contentLimit = 1..<4_001
    public static let commentLimit = 0..<1_001
    public static let summaryLimit = 10..<1_001
    public static let answerLimit = 1..<4_001
    public static let reasonLimit = 1..<1_001

    /// The text NFC-normalised and trimmed, or the error naming `field`.
    public static func checked(_ raw: String?, field: String, limit: Range<Int>, multiline: Bool = true) throws -> String {
        let text = (raw ?? "").precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty && limit.lowerBound > 0 {
            throw SatisfactionError.invalid(field: field, vi: "cần nhập \(field)", en: "'\(field)' is required")
        }
        guard limit.contains(text.count) else {
            throw SatisfactionError.invalid(
                field: field, vi: "\(field) dài \(limit.lowerBound)–\(limit.upperBound - 1) ký tự",
                en: "'\(field)' must be \(limit.lowerBound)–\(limit.upperBound - 1) characters long")
        }
        let allowed: Set<Unicode.Scalar> = multiline ? ["\n", "\t", "\r"] : []
        if text.unicodeScalars.contains(where: { ($0.properties.generalCategory == .control || $0.properties.generalCategory == .format) && !allowed.contains($0) }) {
            throw SatisfactionError.invalid(
                field: field, vi: "\(field) có ký tự điều khiển không được phép", en: "'\(field)' contains control characters")
        }
        return text
    }

    /// The optional comment: nil when empty.
    public static func optional(_ raw: String?, field: String, limit: Range<Int>) throws -> String? {
        let text = try checked(raw, field: field, limit: 0..<limit.upperBound)
        return text.isEmpty ? nil : text
    }

    /// Refuses text to be published that contains 9 or more digits in a row (citizen IDs have 12, old ID cards 9,
    /// phone numbers 10): the officer's redacted summary and answer must not carry them.
    public static func checkPublishable(_ text: String, field: String) throws {
        var run = 0
        for character in text {
            run = character.isASCII && character.isNumber ? run + 1 : (character == " " || character == "." || character == "-") && run > 0 ? run : 0
            if run >= 9 {
                throw SatisfactionError.invalid(
                    field: field, vi: "\(field) có dãy số giống số định danh hoặc số điện thoại; hãy xóa thông tin cá nhân trước khi công khai",
                    en: "'\(field)' contains a run of digits like an ID or phone number; remove personal data before publishing")
            }
        }
    }
}
