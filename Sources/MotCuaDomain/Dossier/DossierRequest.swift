/// What an applicant or a reception officer submits to open a dossier, before validation.
public struct DossierRequest: Sendable, Hashable {
    /// A component the applicant supplies, with the reference of the digitised file.
    public struct SuppliedComponent: Sendable, Hashable {
        public let code: String
        public let reference: String?

        public init(code: String, reference: String?) {
            self.code = code
            self.reference = reference
        }
    }

    public let procedureCode: String
    /// The handling agency (a commune for commune-level procedures, the department otherwise).
    public let agencyID: String
    public let applicantID: String
    public let applicantName: String
    public let channel: Channel
    public let formData: [String: String]
    public let components: [SuppliedComponent]

    public init(
        procedureCode: String, agencyID: String, applicantID: String, applicantName: String, channel: Channel,
        formData: [String: String], components: [SuppliedComponent]
    ) {
        self.procedureCode = procedureCode
        self.agencyID = agencyID
        self.applicantID = applicantID
        self.applicantName = applicantName
        self.channel = channel
        self.formData = formData
        self.components = components
    }
}
