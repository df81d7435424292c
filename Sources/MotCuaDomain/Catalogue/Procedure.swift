/// An administrative procedure (thủ tục hành chính) as the province offers it.
///
/// Values come from the catalogue data files and are validated by `ProcedureCatalogue.load`; the
/// memberwise initialiser does not validate, so build procedures in code only for tests and fixtures.
public struct Procedure: Sendable, Hashable, Codable, Identifiable {
    public var id: String { code }

    /// National TTHC code (e.g. `1.001193`), or a provisional local code starting with `BN-` when the
    /// national code has not been confirmed.
    public let code: String
    public let nameVi: String
    public let nameEn: String
    /// Sector key, e.g. `civil_status`, `land`, `residence`, `health_insurance`, `electricity`.
    public let sector: String
    public let sectorNameVi: String
    public let sectorNameEn: String
    public let level: HandlingLevel
    /// Agency id of the handling body when `level` is `.department`; `nil` for commune-level procedures.
    public let department: String?
    public let onlineLevel: OnlineLevel
    public let timeLimit: TimeLimit
    public let fee: Fee
    public let components: [DocumentComponent]
    /// The five process steps in order, with their roles and shares of the time limit.
    public let process: [ProcessStepSpec]
    /// Legal basis, provenance and open doubts about this entry.
    public let note: String?
    /// Sources of the time limit and the fee; required in catalogue files.
    public let legalBasis: LegalBasis?
    /// The electronic result the procedure ends in, whose legal fields `ResultTypeCatalogue` declares; nil
    /// when the procedure's result is not (yet) issued electronically, and its signature step is a sign-off.
    public let resultType: ResultType?

    public init(
        code: String, nameVi: String, nameEn: String, sector: String, sectorNameVi: String, sectorNameEn: String,
        level: HandlingLevel, department: String?, onlineLevel: OnlineLevel, timeLimit: TimeLimit, fee: Fee,
        components: [DocumentComponent], process: [ProcessStepSpec], note: String? = nil, legalBasis: LegalBasis? = nil,
        resultType: ResultType? = nil
    ) {
        self.code = code
        self.nameVi = nameVi
        self.nameEn = nameEn
        self.sector = sector
        self.sectorNameVi = sectorNameVi
        self.sectorNameEn = sectorNameEn
        self.level = level
        self.department = department
        self.onlineLevel = onlineLevel
        self.timeLimit = timeLimit
        self.fee = fee
        self.components = components
        self.process = process
        self.note = note
        self.legalBasis = legalBasis
        self.resultType = resultType
    }

    /// How this procedure's time limit is counted (the default rules plus any decree override).
    public var countingOptions: CountingOptions {
        legalBasis?.countingOptions ?? .standard
    }

    /// Whether `code` has the national TTHC form `D.DDDDDD` (a provisional `BN-` code does not).
    public var hasNationalCode: Bool {
        Self.isNationalCode(code)
    }

    static func isNationalCode(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        guard bytes.count == 8, bytes[1] == UInt8(ascii: ".") else { return false }
        return bytes.enumerated().allSatisfy { index, byte in
            index == 1 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }
}
