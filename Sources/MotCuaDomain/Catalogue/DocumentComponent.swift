/// One document of a procedure's dossier (thành phần hồ sơ).
public struct DocumentComponent: Sendable, Hashable, Codable {
    /// Key unique within the procedure, used by the API (e.g. `birth_certificate`).
    public let code: String
    public let nameVi: String
    public let nameEn: String
    /// Whether the dossier is incomplete without it.
    public let required: Bool
    /// Non-nil when the State can fetch the document from that national database instead of asking the citizen.
    public let registrySource: RegistrySource?
    /// Signed results of these types, held valid in the applicant's personal archive, satisfy the component
    /// without an upload (once-only); nil when no archived result does.
    public let reusableFrom: [ResultType]?

    public init(
        code: String, nameVi: String, nameEn: String, required: Bool, registrySource: RegistrySource? = nil, reusableFrom: [ResultType]? = nil
    ) {
        self.code = code
        self.nameVi = nameVi
        self.nameEn = nameEn
        self.required = required
        self.registrySource = registrySource
        self.reusableFrom = reusableFrom
    }
}
