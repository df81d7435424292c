import Foundation

/// Which header names hold which logical fields, and the delimiter: the documented column mapping.
///
/// A mapping file is a small JSON object, for example
/// `{"delimiter": ";", "columns": {"citizen_id": "SoDinhDanh", "full_name": "HoTen"}}`.
/// Logical fields not listed are looked up under their own name, then under the names registers usually give
/// them (``LogicalField/usualHeaders``: "Họ và tên", "Số CCCD", "Ngày sinh"…); header names compare
/// case-insensitively, and usual names also without diacritics, blanks or punctuation.
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

    /// The delimiter byte, validated. Without one in the mapping: a comma, unless the header line has no comma
    /// outside quotes and splits on a semicolon, tab or bar (spreadsheets in locales whose decimal mark is a
    /// comma save CSV with semicolons), which is then used.
    func delimiterByte(file: URL) throws(ReconciliationInputError) -> UInt8 {
        guard let delimiter else { return Self.sniffDelimiter(file) }
        let text = delimiter == "\\t" ? "\t" : delimiter
        guard text.utf8.count == 1, let byte = text.utf8.first, byte != 0x22, byte != 0x0A, byte != 0x0D else {
            throw DelimitedFile.issue(file, line: 0, "the delimiter must be one ASCII character other than a quote or newline")
        }
        return byte
    }

    /// The delimiter the header line of `file` implies (see ``delimiterByte(file:)``); a comma when unsure.
    static func sniffDelimiter(_ file: URL) -> UInt8 {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return UInt8(ascii: ",") }
        defer { try? handle.close() }
        let head = TextEncoding.asciiView((try? handle.read(upToCount: 65_536)) ?? Data())
        let text = head.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(head.dropFirst(3)) : Array(head)
        if let hint = DelimitedFile.separatorHint(text[...]) { return hint.delimiter }
        var counts: [UInt8: Int] = [:]
        var quoted = false
        for byte in head {
            if byte == 0x0A { break }
            if byte == 0x22 { quoted.toggle() } else if !quoted { counts[byte, default: 0] += 1 }
        }
        guard counts[UInt8(ascii: ","), default: 0] == 0 else { return UInt8(ascii: ",") }
        let candidates: [UInt8] = [UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")]
        let best = candidates.max { counts[$0, default: 0] < counts[$1, default: 0] }!
        return counts[best, default: 0] > 0 ? best : UInt8(ascii: ",")
    }

    /// Resolves the header positions of `fields`; throws naming every missing required column.
    /// - Parameter recognised: receives "field ← header" for each column found by a usual name, for the report.
    func resolve<Field: LogicalField>(
        _ fields: Field.Type, in file: DelimitedFile, recognised: inout [String]
    ) throws(ReconciliationInputError) -> [Field: Int] {
        var positions: [String: Int] = [:]
        var usual: [String: Int] = [:]
        for (index, name) in file.header.enumerated() {
            if positions[name.lowercased()] == nil { positions[name.lowercased()] = index }
            let key = Self.headerKey(name)
            if usual[key] == nil { usual[key] = index }
        }
        var resolved: [Field: Int] = [:]
        var missing: [String] = []
        for field in Field.allCases {
            let name = columns[field.rawValue] ?? field.rawValue
            if let index = positions[name.lowercased()] {
                resolved[field] = index
            } else if field.isRequired && columns[field.rawValue] != nil {
                missing.append("\(name) (for \(field.rawValue))")
            }
        }
        // Fields the mapping does not name and the header lacks under their own name: the usual names, each
        // column used once. A mapping's explicit name is never replaced by a guess.
        var taken = Set(resolved.values)
        var unnamedIdentifier: Field?
        for field in Field.allCases where resolved[field] == nil && columns[field.rawValue] == nil {
            if let index = field.usualHeaders.lazy.compactMap({ usual[$0] }).first(where: { !taken.contains($0) }) {
                resolved[field] = index
                taken.insert(index)
                recognised.append("\(field.rawValue) ← \(file.header[index])")
            } else if field.isRecordIdentifier {
                unnamedIdentifier = field
            } else if field.isRequired {
                missing.append(field.rawValue)
            }
        }
        // A record identifier under a name no list knows ("Mã BN", "Key"): the first column no other field uses whose
        // name reads like an identifier, else the first free column. It only has to point back at the row; a file
        // is not refused for what it calls it.
        if let field = unnamedIdentifier {
            let free = file.header.indices.filter { !taken.contains($0) }
            let looksLikeIdentifier = { (index: Int) in
                let key = Self.headerKey(file.header[index])
                return ["id", "ma", "so", "stt", "key", "no", "code"].contains { key.hasPrefix($0) || key.hasSuffix($0) }
            }
            if let index = free.first(where: looksLikeIdentifier) ?? free.first {
                resolved[field] = index
                taken.insert(index)
                recognised.append("\(field.rawValue) ← \(file.header[index]) (no column is named as a record ID; the first free one)")
            } else {
                missing.append(field.rawValue)
            }
        }
        // A field that others stand in for (the full name, by the family and given names) is only missing when they
        // are too; a field that only stands in is not used when the field itself is there.
        for field in Field.allCases where resolved[field] == nil && field.isRequired && columns[field.rawValue] == nil {
            if field.standIns.isEmpty || !field.standIns.allSatisfy({ resolved[$0] != nil }) { continue }
            missing.removeAll { $0 == field.rawValue }
        }
        for field in Field.allCases where resolved[field] != nil {
            for standIn in field.standIns where columns[standIn.rawValue] == nil && resolved[standIn] != nil {
                resolved[standIn] = nil
                recognised.removeAll { $0.hasPrefix(standIn.rawValue + " ←") }
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
    /// Header names registers and spreadsheets usually give this field, as ``ColumnMapping/headerKey(_:)``
    /// folds them, most specific first.
    var usualHeaders: [String] { get }
    /// Whether the field only identifies the row (a source's record ID), so that any free column can serve.
    var isRecordIdentifier: Bool { get }
    /// Fields that together stand in for this one when the file lacks it (the family and given names for the name).
    var standIns: [Self] { get }
}

extension LogicalField {
    var isRecordIdentifier: Bool { false }
    var standIns: [Self] { [] }
}

extension ColumnMapping {
    /// A header name folded for comparison with usual names: lowercase ASCII letters and digits only, diacritics
    /// and đ removed ("Số CCCD" → "socccd", "ngay_sinh" → "ngaysinh").
    static func headerKey(_ name: String) -> String {
        let folded = name.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "d")
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        return String(String.UnicodeScalarView(folded.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }))
            .lowercased()
    }
}

/// Usual header names of the fields both files have, by the field's own name.
private enum UsualHeaders {
    static let common: [String: [String]] = [
        "citizen_id": [
            "citizenid", "cccd", "socccd", "sodinhdanh", "sodinhdanhcanhan", "madinhdanh", "madinhdanhcanhan", "socancuoc",
            "socancuoccongdan", "cancuoccongdan", "cccdcmnd", "cmndcccd", "socmndcccd", "sogiayto", "sogiaytotuythan", "giaytotuythan",
            "nationalid", "personalid", "idnumber",
        ],
        "legacy_id": ["legacyid", "cmnd", "socmnd", "cmndcu", "socmndcu", "sochungminhnhandan", "chungminhnhandan", "oldid"],
        "full_name": [
            "fullname", "hoten", "hovaten", "hotendaydu", "hochudemvaten", "hotencongdan", "name",
            // Land books and insurance lists name the person by role.
            "hotenchu", "hotenchusudung", "hotenchusudungdat", "hotennguoisudungdat", "nguoisudungdat", "chusudung", "hotenchuho", "chuho",
            "hotenchusohuu", "hotennguoithamgia", "nguoithamgia", "holdername", "ownername",
        ],
        "date_of_birth": ["dateofbirth", "ngaysinh", "ngaythangnamsinh", "sinhngay", "namsinh", "dob", "birthdate", "birthday"],
        "family_name": ["hovatendem", "hovachudem", "hochudem", "hodem", "hotendem", "ho", "familyname", "surname", "lastname"],
        "middle_name": ["tendem", "chudem", "dem", "tenlot", "middlename"],
        "given_name": ["ten", "tenkhaisinh", "givenname", "firstname"],
        "sex": ["sex", "gioitinh", "gender"],
        "commune_code": ["communecode", "maxa", "maxaphuong", "madonvihanhchinh", "madvhc", "commune"],
    ]
}

/// Logical fields of the population register.
public enum RegisterField: String, CaseIterable, Sendable, LogicalField {
    case citizenID = "citizen_id"
    case legacyID = "legacy_id"
    case fullName = "full_name"
    /// The family name with any middle name, where a file splits the name in two ("Họ và tên đệm"); with `given_name`
    /// it stands in for `full_name`.
    case familyName = "family_name"
    /// The middle name, where a file splits the name in three ("Họ" | "Tên đệm" | "Tên"); read with the family and
    /// given names only.
    case middleName = "middle_name"
    case givenName = "given_name"
    case sex
    case dateOfBirth = "date_of_birth"
    case communeCode = "commune_code"
    case maritalStatus = "marital_status"
    case spouseID = "spouse_id"
    case vitalStatus = "vital_status"

    var isRequired: Bool { self == .citizenID || self == .fullName || self == .dateOfBirth }
    var standIns: [Self] { self == .fullName ? [.familyName, .givenName] : [] }

    var usualHeaders: [String] {
        switch self {
        case .maritalStatus: ["maritalstatus", "tinhtranghonnhan", "honnhan"]
        case .spouseID: ["spouseid", "cccdvochong", "sodinhdanhvochong", "madinhdanhvochong"]
        case .vitalStatus: ["vitalstatus", "tinhtrangsong", "trangthaisong"]
        default: UsualHeaders.common[rawValue] ?? []
        }
    }
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
    /// The family name with any middle name, where a file splits the name in two ("Họ và tên đệm"); with `given_name`
    /// it stands in for `full_name`.
    case familyName = "family_name"
    /// The middle name, where a file splits the name in three ("Họ" | "Tên đệm" | "Tên"); read with the family and
    /// given names only.
    case middleName = "middle_name"
    case givenName = "given_name"
    case sex
    case dateOfBirth = "date_of_birth"
    case communeCode = "commune_code"
    /// A place as free text ("X. Tân Chi, H. Tiên Du, T. Bắc Ninh"), used when there is no commune code.
    case place

    /// A date of birth is evidence, not a requirement: land-holder books often never recorded one.
    var isRequired: Bool { self == .recordID || self == .fullName }
    var isRecordIdentifier: Bool { self == .recordID }
    var standIns: [Self] { self == .fullName ? [.familyName, .givenName] : [] }

    var usualHeaders: [String] {
        switch self {
        case .recordID:
            ["recordid", "mahoso", "sohoso", "masohoso", "idhoso", "mahs", "mabanghi", "sobanghi", "maso", "recordno", "recordnumber", "rowid", "id",
             "stt", "sothutu", "tt"]
        case .eventType: ["eventtype", "loaisukien", "loaihotich", "loaiviechotich"]
        case .eventDate: ["eventdate", "ngaysukien", "ngaydangky", "ngayxayra"]
        case .place:
            ["place", "noisinh", "noidangkykhaisinh", "quequan", "placeofbirth", "birthplace", "diachi", "diachithuongtru", "noithuongtru", "address"]
        default: UsualHeaders.common[rawValue] ?? []
        }
    }
}
