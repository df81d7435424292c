import Foundation

/// The public bodies of the province: the People's Committee, the service centre, the departments and
/// every commune and ward, loaded from `agencies.json`.
///
/// The file is an object `{"note": "…", "level1Code": "H10", "source": "…", "agencies": [ … ]}`. Its
/// electronic identifiers are provisional until the province publishes its list (Bắc Ninh's level-1 code is
/// not known), so the loader checks their form and uniqueness, not their values.
public struct AgencyDirectory: Sendable {
    /// Every agency, in file order.
    public let agencies: [Agency]
    /// The province's level-1 code (`MX1X2`) as declared by the file.
    public let level1Code: String
    /// The file's note on provenance and provisional values.
    public let note: String
    private let byID: [String: Agency]

    /// The agency with this id.
    public func agency(id: String) -> Agency? {
        byID[id]
    }

    /// Communes and wards, in file order.
    public var communes: [Agency] {
        agencies.filter { $0.kind == .commune }
    }

    /// Ids of every agency, for validating references such as catalogue departments.
    public var ids: Set<String> {
        Set(byID.keys)
    }

    /// Decodes and validates the directory.
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - source: the file name, repeated in every error.
    /// - Throws: `AgencyDirectory.LoadError` naming the source, the entry and the reason.
    public static func load(_ data: Data, source: String) throws -> AgencyDirectory {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch let error as DecodingError {
            throw LoadError(
                source: source, index: error.entryIndex(inList: "agencies"), id: nil,
                reason: .malformedJSON(path: error.pathDescription, detail: error.detail))
        }
        guard isLevel1Code(file.level1Code) else {
            throw LoadError(source: source, index: nil, id: nil, reason: .invalidLevel1Code(file.level1Code))
        }

        var byID: [String: Agency] = [:]
        var identifiers: Set<String> = []
        for (index, agency) in file.agencies.enumerated() {
            func fail(_ reason: LoadError.Reason) -> LoadError {
                LoadError(source: source, index: index, id: agency.id, reason: reason)
            }
            if let reason = problem(with: agency, level1Code: file.level1Code) { throw fail(reason) }
            guard byID[agency.id] == nil else { throw fail(.duplicateID) }
            guard identifiers.insert(agency.identifier).inserted else { throw fail(.duplicateIdentifier(agency.identifier)) }
            byID[agency.id] = agency
        }
        let committees = file.agencies.filter { $0.kind == .provincialCommittee }.count
        guard committees == 1 else {
            throw LoadError(source: source, index: nil, id: nil, reason: .provincialCommitteeCount(committees))
        }
        return AgencyDirectory(agencies: file.agencies, level1Code: file.level1Code, note: file.note, byID: byID)
    }

    /// Builds a directory from agencies that are already known to be valid (tests and fixtures).
    public init(agencies: [Agency], level1Code: String, note: String = "") {
        self.init(
            agencies: agencies, level1Code: level1Code, note: note,
            byID: Dictionary(agencies.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }))
    }

    private init(agencies: [Agency], level1Code: String, note: String, byID: [String: Agency]) {
        self.agencies = agencies
        self.level1Code = level1Code
        self.note = note
        self.byID = byID
    }

    private struct File: Decodable {
        let note: String
        let level1Code: String
        let source: String?
        let agencies: [Agency]
    }

    /// Why the agency directory was rejected. The description names the file, the entry and the reason.
    public struct LoadError: Error, Sendable, Hashable, CustomStringConvertible {
        /// What is wrong.
        public enum Reason: Sendable, Hashable, CustomStringConvertible {
            case malformedJSON(path: String, detail: String)
            case invalidLevel1Code(String)
            case invalidID
            case duplicateID
            case invalidIdentifier(String)
            case identifierWithoutLevel1Code(String)
            case duplicateIdentifier(String)
            case missingAdministrativeCode
            case invalidAdministrativeCode(String)
            case administrativeCodeOnNonCommune
            case communeIDMismatch(expected: String)
            case emptyName(field: String)
            case notNFC(field: String)
            case provincialCommitteeCount(Int)

            public var description: String {
                switch self {
                case .malformedJSON(let path, let detail): "malformed JSON at \(path): \(detail)"
                case .invalidLevel1Code(let code): "level1Code '\(code)' is not of the form MX1X2 (a letter A–Y and two digits)"
                case .invalidID: "id must be lower-case letters, digits and hyphens"
                case .duplicateID: "id appears twice"
                case .invalidIdentifier(let identifier):
                    "identifier '\(identifier)' must be at most 35 characters of 0-9, A-Z and '.' in non-empty groups"
                case .identifierWithoutLevel1Code(let identifier): "identifier '\(identifier)' does not contain the province's level-1 code"
                case .duplicateIdentifier(let identifier): "identifier '\(identifier)' appears twice"
                case .missingAdministrativeCode: "a commune or ward needs its 5-digit administrative code"
                case .invalidAdministrativeCode(let code): "administrative code '\(code)' is not 5 digits"
                case .administrativeCodeOnNonCommune: "only communes and wards carry a 5-digit administrative code"
                case .communeIDMismatch(let expected): "a commune's id must be '\(expected)' (xa- and its administrative code)"
                case .emptyName(let field): "\(field) is missing or empty"
                case .notNFC(let field): "\(field) is not in Unicode NFC"
                case .provincialCommitteeCount(let count): "the directory must hold exactly one provincial People's Committee, found \(count)"
                }
            }
        }

        public let source: String
        /// Index of the agency within `agencies`, when the problem is in one entry.
        public let index: Int?
        /// Id of the agency, when it could be read.
        public let id: String?
        public let reason: Reason

        public init(source: String, index: Int?, id: String?, reason: Reason) {
            self.source = source
            self.index = index
            self.id = id
            self.reason = reason
        }

        public var description: String {
            var text = "\(source): "
            if let index { text += "agencies[\(index)]" + (id.map { " (\($0))" } ?? "") + ": " }
            return text + reason.description
        }
    }

    private static func problem(with agency: Agency, level1Code: String) -> LoadError.Reason? {
        let idBytes = Array(agency.id.utf8)
        let idIsValid = !idBytes.isEmpty && idBytes.allSatisfy { isLowerASCII($0) || isDigit($0) || $0 == UInt8(ascii: "-") }
        guard idIsValid else { return .invalidID }
        guard isElectronicIdentifier(agency.identifier) else { return .invalidIdentifier(agency.identifier) }
        // Both conventions in use (QCVN 102, level-1 code on the right; Decision 20/2020, on the left)
        // keep the level-1 code as a whole group, so checking for the group accepts either.
        guard agency.identifier.split(separator: ".").contains(Substring(level1Code)) else {
            return .identifierWithoutLevel1Code(agency.identifier)
        }
        for (field, value) in [("nameVi", agency.nameVi), ("nameEn", agency.nameEn)] {
            if value.isBlank { return .emptyName(field: field) }
            if !value.isNFC { return .notNFC(field: field) }
        }
        switch (agency.kind, agency.administrativeCode) {
        case (.commune, nil):
            return .missingAdministrativeCode
        case (.commune, let code?):
            guard code.utf8.count == 5, code.utf8.allSatisfy(isDigit) else { return .invalidAdministrativeCode(code) }
            // The id is derived from the official code so that it stays stable when names change; as ids are
            // unique, this also makes administrative codes unique.
            guard agency.id == "xa-" + code else { return .communeIDMismatch(expected: "xa-" + code) }
        case (_, .some):
            return .administrativeCodeOnNonCommune
        case (_, nil):
            break
        }
        return nil
    }

    /// At most 35 characters of `0-9`, `A-Z` and `.`, in non-empty dot-separated groups (Decision 20/2020/QĐ-TTg).
    static func isElectronicIdentifier(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 35 else { return false }
        guard bytes.allSatisfy({ isDigit($0) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || $0 == UInt8(ascii: ".") }) else {
            return false
        }
        return !text.split(separator: ".", omittingEmptySubsequences: false).contains { $0.isEmpty }
    }

    /// `MX1X2`: a letter A–Y followed by two digits.
    static func isLevel1Code(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 3 && (UInt8(ascii: "A")...UInt8(ascii: "Y")).contains(bytes[0]) && isDigit(bytes[1]) && isDigit(bytes[2])
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    private static func isLowerASCII(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) }
}
