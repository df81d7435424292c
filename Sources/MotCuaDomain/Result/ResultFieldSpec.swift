/// One legal field of a result type, as the result-type catalogue declares it.
public struct ResultFieldSpec: Sendable, Codable, Hashable {
    /// Key in the signed record's `fields`: lower camel case ASCII.
    public let key: String
    public let labelVi: String
    public let labelEn: String
    public let required: Bool
    /// Where the value is prefilled from when the specialist opens the worksheet: `applicant.name`,
    /// `applicant.id`, or `form.<key>` for the dossier's form data; nil when the specialist enters it.
    public let prefill: String?
    /// Whether the value identifies a person (name, ID, date of birth): never shown on the public
    /// verification page; the holder's name appears there only masked.
    public let personal: Bool
    /// The form a value must have when a registry update is built from it; nil for free text.
    public let format: ResultFieldFormat?
    /// The key of a field this one must differ from (a divorce's two spouses are two people).
    public let differentFrom: String?

    public init(
        key: String, labelVi: String, labelEn: String, required: Bool, prefill: String? = nil, personal: Bool = false,
        format: ResultFieldFormat? = nil, differentFrom: String? = nil
    ) {
        self.key = key
        self.labelVi = labelVi
        self.labelEn = labelEn
        self.required = required
        self.prefill = prefill
        self.personal = personal
        self.format = format
        self.differentFrom = differentFrom
    }
}
