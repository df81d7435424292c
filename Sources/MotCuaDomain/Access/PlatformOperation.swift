/// Everything a caller can ask of the platform: every operation of the JSON API (raw value = the
/// `operationId` in `openapi.yaml`) and the routes served beside it. `AccessPolicy` declares a rule for each
/// case in an exhaustive switch, so a new case without a rule does not compile; a test ties the API cases
/// one-to-one to the spec's operationIds, so a new operation in the spec without a case fails the tests.
public enum PlatformOperation: String, CaseIterable, Sendable, Hashable {
    // MARK: JSON API (operationIds)
    case signIn, signOut, changePassword, getMe, listOfficials
    case listProcedures, getProcedure, listAgencies, getAgency
    case createDossier, listDossiers, getDossier, transitionDossier, getDossierHistory
    case explainDossierDeadline, printDossierForm, printRegister
    case uploadDossierDocument, listDossierDocuments, downloadDossierDocument
    case lookUpProfile, getInsuranceStatus, searchAccessLog
    case getCitizenMe, getMyProfile, listMyDataAccess, getPublicStatus
    case listCampaigns, createCampaign, listFindings, runReconciliation, exportCorrections, listFindingDecisions, decideFinding
    case listReconciliationJobs, getReconciliationJob, cancelReconciliationJob, resumeReconciliationJob
    case getDossierResult, prepareDossierResult, signDossierResult, listSigningQueue, signResultBatch
    case getResult, downloadResult, printResult, revokeResult, correctResult, listCitizenResults
    case verifyResult, verifyResultFile
    case listCitizenArchive, listApplicantArchive, getCitizenArchiveItem
    case createArchiveShare, listArchiveShares, revokeArchiveShare, listAgencyShares, openAgencyShare, downloadAgencyShare
    case openSharedLink, downloadSharedLink
    case getIndex, listIndexDossiers, exportIndexDossiers, getPublicIndex
    case getOperationsSnapshot, getOperationsPanel, exportOperationsTable, getMonthlyReport, exportMonthlyReport
    case getMyRequirements, getZeroPaperScore, exportZeroPaperScore
    case importLegacyBook, takeLegacyEntry, listLegacyVerifications, submitLegacyEntry, verifyLegacyEntry, downloadLegacyPage, getLegacyProgress
    case listLegacyReview, decideLegacyLink, downloadMyLegacyPage
    case uploadLegacyBookArchive
    case rateDossier, rateDossierAtCounter, createPetition, listMyPetitions, respondToPetition
    case listPetitions, actOnPetition, getPetitionHistory, listPublishedPetitions
    case applyConversions, listRegistryUpdates

    // MARK: Routes outside the spec (raw value = method and path pattern)
    case healthCheck = "GET /healthz"
    case metrics = "GET /metrics"
    case openAPIDocument = "GET /openapi.yaml"
    case webPage = "GET /, /counter, /desk, /citizen, /status"
    case webAsset = "GET /assets/{name}"
    case eidStart = "GET /auth/eid/start"
    case eidCallback = "GET /auth/eid/callback"
    case verifyPage = "GET /verify/{id}"
    case signingPublications = "GET /ca.pem, /crl.pem, /revocations.json"
    case sharedPage = "GET /shared/{token}"
    case transparencyPage = "GET /minh-bach, /transparency"
    case petitionsPage = "GET /phan-anh-kien-nghi, /petitions"
    case satisfactionDeskPages = "GET /counter/rating, /counter/petitions"
    case operationsPage = "GET /dieu-hanh, /operations"

    /// Whether this is an operation of the JSON API (its raw value is an `operationId`).
    public var isAPIOperation: Bool { !rawValue.hasPrefix("GET ") }

    /// The routes (method and path pattern) of an operation outside the spec; empty for API operations, whose
    /// routes the spec gives. A test checks the router serves exactly these routes beside the API.
    public var routes: [String] {
        switch self {
        case .webPage: ["GET /", "GET /counter", "GET /desk", "GET /citizen", "GET /status"]
        case .signingPublications: ["GET /ca.pem", "GET /crl.pem", "GET /revocations.json"]
        case .transparencyPage: ["GET /minh-bach", "GET /transparency"]
        case .petitionsPage: ["GET /phan-anh-kien-nghi", "GET /petitions"]
        case .satisfactionDeskPages: ["GET /counter/rating", "GET /counter/petitions"]
        case .operationsPage: ["GET /dieu-hanh", "GET /operations"]
        case .healthCheck, .metrics, .openAPIDocument, .webAsset, .eidStart, .eidCallback, .verifyPage, .sharedPage: [rawValue]
        default: []
        }
    }

    /// The operation with this `operationId`; nil for one the policy does not know (refused).
    public init?(operationID: String) {
        guard let operation = PlatformOperation(rawValue: operationID), operation.isAPIOperation else { return nil }
        self = operation
    }
}
