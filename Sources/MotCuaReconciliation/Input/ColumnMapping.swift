import Foundation

/// Which header names hold which logical fields, and the delimiter: the documented column mapping.
///
/// A mapping file is a small JSON object, for example
/// `{"delimiter": ";", "columns": {"citizen_id": "SoDinhDanh", "full_name": "HoTen"}}`.
/// Logical fields not listed are looked up under their own name; header names compare case-insensitively.
public struct ColumnMapping: Sendable, Hashable, Codable {
    /// One-character delimiter; `nil` means a comma. `"\t"` selects tab.
    public var delimiter: String?
    /// Logical field name → header name in the file.
    public var columns: [String: String]

    public init(delimiter: String? = nil, columns: [String: String] = [:]) {
        self.delimiter = delimiter
        self.columns = columns
    }

    /// Reads a mapping file.
    public static func load(from url: URL) throws -> ColumnMapping {
        try JSONDecoder().decode(ColumnMapping.self, from: Data(contentsOf: url))
    }

    /// The delimiter byte, validated.
    func delimiterByte(file: URL) throws(ReconciliationInputError) -> UInt8 {
        guard let delimiter else { return UInt8(ascii: ",") }
        let text = delimiter == "\\t" ? "\t" : delimiter
        guard text.utf8.count == 1, let byte = text.utf8.first, byte != 0x22, byte != 0x0A, byte != 0x0D else {
            throw DelimitedFile.issue(file, line: 0, "the delimiter must be one ASCII character other than a quote or newline")
        }
        return byte
    }

    /// Resolves the header positions of `fields`; throws naming every missing required column.
    func resolve<Field: LogicalField>(_ fields: Field.Type, in file: DelimitedFile) throws(ReconciliationInputError) -> [Field: Int] {
        var positions: [String: Int] = [:]
        for (index, name) in file.header.enumerated() where positions[name.lowercased()] == nil {
            positions[name.lowercased()] = index
        }
        var resolved: [Field: Int] = [:]
        var missing: [String] = []
        for field in Field.allCases {
            let name = columns[field.rawValue] ?? field.rawValue
            if let index = positions[name.lowercased()] {
                resolved[field] = index
            } else if field.isRequired {
                missing.append(name == field.rawValue ? name : "\(name) (for \(field.rawValue))")
            }
        }
        guard missing.isEmpty else {
            var message = "missing column(s): \(missing.joined(separator: ", ")); header has \(file.header.count) column(s)"
            // A one-column header that splits well on another delimiter is almost always a wrong delimiter.
            if file.header.count == 1, let only = file.header.first {
                for candidate in [";", "\t", "|", ","] where only.contains(candidate) {
                    let shown = candidate == "\t" ? "\\t" : candidate
                    message += "; the header splits on '\(shown)': set the delimiter to '\(shown)'"
                    break
                }
            }
            throw DelimitedFile.issue(file.url, line: 1, message)
        }
        return resolved
    }
}

/// A logical input field that a column mapping can point at.
protocol LogicalField: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String {
    var isRequired: Bool { get }
}

/// Logical fields of the population register.
public enum RegisterField: String, CaseIterable, Sendable, LogicalField {
    case citizenID = "citizen_id"
    case legacyID = "legacy_id"
    case fullName = "full_name"
    case sex
    case dateOfBirth = "date_of_birth"
    case communeCode = "commune_code"
    case maritalStatus = "marital_status"
    case spouseID = "spouse_id"
    case vitalStatus = "vital_status"

    var isRequired: Bool { self == .citizenID || self == .fullName || self == .dateOfBirth }
}

/// Logical fields of a source dataset (civil-status events, land holders, insurance participants).
public enum SourceField: String, CaseIterable, Sendable, LogicalField {
    case recordID = "record_id"
    case eventType = "event_type"
    case eventDate = "event_date"
    /// A 12-digit ID or an old 9-digit ID; both are accepted in this column.
    case citizenID = "citizen_id"
    /// An optional separate column for old 9-digit IDs.
    case legacyID = "legacy_id"
    case fullName = "full_name"
    case sex
    case dateOfBirth = "date_of_birth"
    case communeCode = "commune_code"
    /// A place as free text ("X. Tân Chi, H. Tiên Du, T. Bắc Ninh"), used when there is no commune code.
    case place

    var isRequired: Bool { self == .recordID || self == .fullName || self == .dateOfBirth }
}
