/// Why the procedure catalogue could not be loaded.
///
/// The description names the file, the entry (its index and, when it could be read, its code) and the
/// reason, e.g. `land.json: procedures[2] (1.012753): unknown department 'so-dat-dai'`.
public struct CatalogueError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public enum Reason: Sendable, Hashable, CustomStringConvertible {
        case malformedJSON(path: String, detail: String)
        case invalidCode
        case duplicateCode(firstFile: String)
        case emptyText(field: String)
        case notNFC(field: String)
        case invalidSector
        case inconsistentSectorName(sector: String, firstCode: String)
        case wrongSteps(found: [ProcessStep])
        case wrongRole(step: ProcessStep, expected: Role, found: Role)
        case nonPositiveShare(step: ProcessStep)
        case sharesDoNotSumToOne(sum: Double)
        case missingDepartment
        case unexpectedDepartment(String)
        case unknownDepartment(String)
        case negativeFee(Int)
        case nonPositiveTimeLimit
        case missingLegalSource(field: String)
        case noComponents
        case invalidComponentCode(String)
        case duplicateComponentCode(String)

        public var description: String {
            switch self {
            case .malformedJSON(let path, let detail):
                "malformed JSON at \(path): \(detail)"
            case .invalidCode:
                "code must be a national TTHC code (D.DDDDDD) or a provisional code starting with 'BN-'"
            case .duplicateCode(let firstFile):
                "duplicate code, already defined in \(firstFile)"
            case .emptyText(let field):
                "\(field) is missing or empty"
            case .notNFC(let field):
                "\(field) is not in Unicode NFC"
            case .invalidSector:
                "sector must be a lower-case key such as civil_status"
            case .inconsistentSectorName(let sector, let firstCode):
                "sector '\(sector)' has different names here and in \(firstCode)"
            case .wrongSteps(let found):
                "process must list receipt, appraisal, approval, signature, delivery in order; found "
                    + (found.isEmpty ? "none" : found.map(\.rawValue).joined(separator: ", "))
            case .wrongRole(let step, let expected, let found):
                "step \(step.rawValue) must be performed by \(expected.rawValue), not \(found.rawValue)"
            case .nonPositiveShare(let step):
                "share of step \(step.rawValue) must be greater than 0"
            case .sharesDoNotSumToOne(let sum):
                "step shares sum to \(sum), not 1 (±0.001)"
            case .missingDepartment:
                "a department-level procedure must name its department"
            case .unexpectedDepartment(let id):
                "a commune-level procedure is handled by every commune; remove department '\(id)'"
            case .unknownDepartment(let id):
                "unknown department '\(id)' (not in the agency directory)"
            case .negativeFee(let amount):
                "fee \(amount) VND is negative"
            case .missingLegalSource(let field):
                "\(field) is missing or empty: every time limit and fee needs its legal source (write [U] in it when unverified)"
            case .nonPositiveTimeLimit:
                "time limit must be greater than zero"
            case .noComponents:
                "a procedure needs at least one dossier component"
            case .invalidComponentCode(let code):
                "component code '\(code)' must be lower-case letters, digits and underscores"
            case .duplicateComponentCode(let code):
                "component code '\(code)' appears twice"
            }
        }
    }

    /// The data file, as named by the caller.
    public let file: String
    /// Index of the procedure within the file's list, when the problem is in one entry.
    public let index: Int?
    /// Code of the procedure, when it could be read.
    public let code: String?
    public let reason: Reason

    public init(file: String, index: Int?, code: String?, reason: Reason) {
        self.file = file
        self.index = index
        self.code = code
        self.reason = reason
    }

    public var description: String {
        var text = "\(file): "
        if let index { text += "procedures[\(index)]" + (code.map { " (\($0))" } ?? "") + ": " }
        return text + reason.description
    }
}
