/// The zero-paper counts of one procedure at one agency in one month (Vietnam time of submission).
public struct ZeroPaperCounts: Sendable, Hashable {
    public let procedureCode: String
    public let agencyID: String
    /// `YYYY-MM`.
    public let month: String
    /// Required components by where they came from (pending, missing and not applicable ones are left out).
    public var registry = 0
    public var archive = 0
    public var eform = 0
    public var scan = 0
    public var paper = 0
    /// Dossiers submitted in the month, and those of them with no component handed in on paper only.
    public var dossiers = 0
    public var digitisedDossiers = 0
    /// Dossiers with a result (done or returned), and those of them with a signed electronic result.
    public var withResult = 0
    public var electronicResults = 0

    public init(procedureCode: String, agencyID: String, month: String) {
        self.procedureCode = procedureCode
        self.agencyID = agencyID
        self.month = month
    }

    /// Required components the State fetched (national databases and reuse).
    public var fetched: Int { registry + archive }
    /// Required components the applicant supplied (e-form, scan or paper).
    public var supplied: Int { eform + scan + paper }
}
