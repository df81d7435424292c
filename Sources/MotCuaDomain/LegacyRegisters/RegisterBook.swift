import Foundation

/// The kind of a paper civil-status register book.
public enum RegisterKind: String, Sendable, Hashable, Codable, CaseIterable {
    case birth, marriage, death
}

/// A paper register book: which commune (or agency) kept it, its kind, book, volume and year. Two imports of the
/// same identity are the same book.
public struct RegisterBookIdentity: Sendable, Hashable, Codable {
    public let agencyID: String
    public let kind: RegisterKind
    /// The book's label as written on its cover ("01", "Quyển 2").
    public let book: String
    /// The volume inside the book, when the book has several; empty when it has none.
    public let volume: String
    public let year: Int

    /// Checks and normalises (NFC, trimmed) the parts; throws ``LegacyRegisterError/invalid(field:message:)`` naming the part.
    public init(agencyID: String, kind: RegisterKind, book: String, volume: String = "", year: Int) throws(LegacyRegisterError) {
        self.agencyID = try LegacyText.line(agencyID, field: "commune", maximum: 64, required: true)
        self.kind = kind
        self.book = try LegacyText.line(book, field: "book", maximum: 40, required: true)
        self.volume = try LegacyText.line(volume, field: "volume", maximum: 40, required: false)
        // Vietnamese civil-status registers on paper go back to the colonial era; nothing is registered in the future.
        guard (1800...9999).contains(year) else { throw .invalid(field: "year", message: "year must be 1800–9999") }
        self.year = year
    }

    /// A readable label, e.g. "birth 01/2 (1998)".
    public var label: String { "\(kind.rawValue) \(book)\(volume.isEmpty ? "" : "/" + volume) (\(year))" }
}

/// A refusal about a legacy register: its import, an entry or a step of the data-entry queue.
public enum LegacyRegisterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A field (of the book, the manifest or a record) is wrong; `field` names it.
    case invalid(field: String, message: String)
    /// A file of the import is not an accepted image (or cannot be read).
    case notAnImage(file: String, reason: String)
    /// The manifest names a file the import does not contain.
    case missingFile(file: String)
    /// The book was imported already (same identity, or the same pages under another identity).
    case alreadyImported(book: String, byContent: Bool)
    /// No such book or entry visible to the caller (another commune's are not shown either).
    case notFound
    /// The entry is not in a state that allows the step, or changed since it was read.
    case conflict(String)
    /// The officer who entered a record cannot verify it.
    case sameOfficer
    /// An uploaded book is not a ZIP archive (judged by its content, not by its declared type).
    case notAnArchive

    public var description: String {
        switch self {
        case .invalid(let field, let message): "\(field): \(message)"
        case .notAnImage(let file, let reason): "\(file): not an accepted image (\(reason))"
        case .missingFile(let file): "the manifest names \(file), which the import does not contain"
        case .alreadyImported(let book, let byContent):
            byContent ? "already imported: the same pages were imported as book \(book)" : "already imported: book \(book)"
        case .notFound: "not found"
        case .conflict(let message): message
        case .sameOfficer: "the officer who entered a record cannot verify it"
        case .notAnArchive: "the file is not a ZIP archive"
        }
    }
}

/// Checks of free text in legacy registers: NFC, no control characters, a length limit.
public enum LegacyText {
    /// One line of text, trimmed and NFC; empty allowed only when not required.
    public static func line(_ text: String, field: String, maximum: Int, required: Bool) throws(LegacyRegisterError) -> String {
        let value = text.trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping
        if let scalar = TextInput.forbiddenScalar(in: value) {
            throw .invalid(field: field, message: "must not contain \(TextInput.describe(scalar))")
        }
        if required && value.isEmpty { throw .invalid(field: field, message: "is required") }
        guard value.count <= maximum else { throw .invalid(field: field, message: "at most \(maximum) characters") }
        return value
    }
}
