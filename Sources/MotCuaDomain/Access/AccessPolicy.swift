/// The one place that says who may call what: for every operation, which parties (anonymous, citizen by
/// e-ID level, official by role) may call it and with which scope (public data, own person, own agency,
/// province). The HTTP layer asks it before any handler runs; handlers then narrow what they read to the
/// granted scope, and the dossier workflow adds the per-action rules (which role at which step).
///
/// Adding a `PlatformOperation` without a rule here is a compile error (the switch is exhaustive).
public enum AccessPolicy {
    /// Roles that work on dossiers at an agency (receipt, appraisal, approval, return).
    public static let dossierRoles: Set<Role> = [.receptionOfficer, .specialist, .leader, .resultClerk]
    /// Roles that may see dossiers: those who work on them and the operations monitor.
    public static let dossierReaders: Set<Role> = dossierRoles.union([.operationsMonitor])
    /// Roles that look up people's national data: at the counter and while handling a dossier.
    public static let lookUpRoles: Set<Role> = [.receptionOfficer, .specialist]

    /// The grants for one operation. No grant means nobody may call it.
    public static func grants(for operation: PlatformOperation) -> [AccessGrant] {
        switch operation {
        case .signIn, .listProcedures, .getProcedure, .listAgencies, .getAgency, .getPublicStatus,
            .healthCheck, .openAPIDocument, .webPage, .webAsset, .eidStart, .eidCallback:
            return [.init(.everyone, .publicData)]
        case .verifyResult, .verifyResultFile, .verifyPage, .signingPublications:
            // Anyone holding a result checks it without signing in; the answer carries no ID number and a
            // masked name only.
            return [.init(.everyone, .publicData)]
        case .metrics:
            // Province-wide counts and sign-in failure spikes: operations monitors (and the scraper's own token,
            // which is not a sign-in and is checked before this policy).
            return [.init(.officials([.operationsMonitor]), .province)]
        case .getMe:
            return [.init(.officials(Set(Role.allCases)), .ownPerson)]
        case .signOut:
            // Ends the caller's own session, whoever signed in.
            return [.init(.officials(Set(Role.allCases)), .ownPerson), .init(.citizens(minimumLevel: 1), .ownPerson)]
        case .changePassword:
            // Officials' own password; citizens have none here (they sign in with the e-ID).
            return [.init(.officials(Set(Role.allCases)), .ownPerson)]
        case .listOfficials:
            return [.init(.officials(Set(Role.allCases)), .ownAgency)]
        case .createDossier:
            // Counter and postal receipt by the receiving agency's officer; online submission by the applicant.
            return [.init(.officials([.receptionOfficer]), .ownAgency), .init(.citizens(minimumLevel: 2), .ownPerson)]
        case .listDossiers, .getDossier, .getDossierHistory, .explainDossierDeadline, .printDossierForm:
            // The deadline explanation and the printable forms of a dossier go to whoever may read it.
            return [
                .init(.officials(dossierReaders), .ownAgency), .init(.provincialOfficials([.operationsMonitor]), .province),
                .init(.citizens(minimumLevel: 1), .ownPerson),
            ]
        case .listDossierDocuments, .downloadDossierDocument:
            // Scans are part of the dossier: whoever may read it. Every download is logged for the applicant.
            return [
                .init(.officials(dossierReaders), .ownAgency), .init(.provincialOfficials([.operationsMonitor]), .province),
                .init(.citizens(minimumLevel: 1), .ownPerson),
            ]
        case .getDossierResult, .getResult, .downloadResult, .printResult:
            // Whoever may read the dossier; the applicant only once the result is delivered (the service checks).
            return [
                .init(.officials(dossierReaders), .ownAgency), .init(.provincialOfficials([.operationsMonitor]), .province),
                .init(.citizens(minimumLevel: 1), .ownPerson),
            ]
        case .uploadDossierDocument:
            // The counter's reception officers and the handling specialists of the agency, and the applicant online;
            // the workflow then requires the receiving agency's officer, the specialist handling it, or the applicant.
            return [.init(.officials([.receptionOfficer, .specialist]), .ownAgency), .init(.citizens(minimumLevel: 2), .ownPerson)]
        case .prepareDossierResult:
            // The handling specialist at the appraisal step (the service checks the handler and the step).
            return [.init(.officials([.specialist]), .ownAgency)]
        case .signDossierResult, .signResultBatch, .listSigningQueue, .revokeResult, .correctResult:
            // Signing and withdrawing results carry the agency's legal authority: its leaders only.
            return [.init(.officials([.leader]), .ownAgency)]
        case .listCitizenResults, .listCitizenArchive, .getCitizenArchiveItem:
            return [.init(.citizens(minimumLevel: 1), .ownPerson)]
        case .listArchiveShares, .revokeArchiveShare:
            // Seeing and ending one's own shares never discloses anything more.
            return [.init(.citizens(minimumLevel: 1), .ownPerson)]
        case .createArchiveShare:
            // Handing one's data to someone else is a disclosure: only an account proven by the e-ID (level 2).
            return [.init(.citizens(minimumLevel: 2), .ownPerson)]
        case .listAgencyShares, .openAgencyShare, .downloadAgencyShare:
            // A citizen's grant to an agency: the officials who work on dossiers there, while the grant lasts; every
            // opening is logged for the citizen.
            return [.init(.officials(dossierRoles), .ownAgency)]
        case .openSharedLink, .downloadSharedLink, .sharedPage:
            // Whoever holds the link the citizen handed out; unguessable, revocable, logged and rate-limited.
            return [.init(.everyone, .publicData)]
        case .listApplicantArchive:
            // Only through a dossier the official works on (not the operations monitor), and every view is logged.
            return [.init(.officials(dossierRoles), .ownAgency)]
        case .getMyRequirements:
            // What a procedure would ask of the caller: reads the caller's own archive only.
            return [.init(.citizens(minimumLevel: 1), .ownPerson)]
        case .getZeroPaperScore, .exportZeroPaperScore:
            // Counts, no personal data: an agency's leaders for their agency; provincial leaders and the operations
            // monitors of the province for every agency.
            return [.init(.officials([.leader]), .ownAgency), .init(.provincialOfficials([.leader, .operationsMonitor]), .province)]
        case .printRegister:
            // Form 07 lists an agency's dossiers with the applicants' names: that agency's dossier officials.
            return [.init(.officials(dossierReaders), .ownAgency), .init(.provincialOfficials([.operationsMonitor]), .province)]
        case .transitionDossier:
            // The workflow then decides which of these roles may take which action at which step.
            return [.init(.officials(dossierRoles), .ownAgency), .init(.citizens(minimumLevel: 2), .ownPerson)]
        case .lookUpProfile, .getInsuranceStatus:
            return [.init(.officials(lookUpRoles), .ownAgency)]
        case .searchAccessLog:
            // Provincial inspectors search the whole province's log; an agency's auditor only that agency's.
            return [.init(.officials([.auditor]), .ownAgency), .init(.provincialOfficials([.auditor]), .province)]
        case .getCitizenMe, .getMyProfile, .listMyDataAccess:
            return [.init(.citizens(minimumLevel: 1), .ownPerson)]
        case .getIndex, .listIndexDossiers, .exportIndexDossiers:
            // An agency's leaders, monitors and auditors see its index and the dossiers behind it (codes, no
            // applicants); monitors and auditors at provincial level see every agency and the province.
            return [
                .init(.officials([.leader, .operationsMonitor, .auditor]), .ownAgency),
                .init(.provincialOfficials([.operationsMonitor, .auditor]), .province),
            ]
        case .getOperationsSnapshot, .getOperationsPanel, .exportOperationsTable:
            // The operations centre: an agency's leaders and monitors watch their agency (codes and officials'
            // names, no applicant); provincial monitors the province and any agency.
            return [
                .init(.officials([.leader, .operationsMonitor]), .ownAgency),
                .init(.provincialOfficials([.operationsMonitor]), .province),
            ]
        case .getMonthlyReport, .exportMonthlyReport:
            // The monthly report: as the operations centre, and auditors may read it too.
            return [
                .init(.officials([.leader, .operationsMonitor, .auditor]), .ownAgency),
                .init(.provincialOfficials([.operationsMonitor, .auditor]), .province),
            ]
        case .operationsPage:
            // The page itself is a static file; its figures come from the API above, after sign-in.
            return [.init(.everyone, .publicData)]
        case .getPublicIndex, .transparencyPage:
            // Counts and scores only, nothing personal: published for everyone (rate limited per address).
            return [.init(.everyone, .publicData)]
        case .importLegacyBook, .uploadLegacyBookArchive:
            // The commune's own officers bring in its books; data stewards, who run the digitisation campaigns, too
            // (provincial stewards for any commune). Leaders and monitors do not handle the scans. From a folder of
            // the import directory or from an uploaded ZIP file alike.
            return [
                .init(.officials([.receptionOfficer, .specialist, .dataSteward]), .ownAgency),
                .init(.provincialOfficials([.dataSteward]), .province),
            ]
        case .takeLegacyEntry, .listLegacyVerifications, .submitLegacyEntry, .verifyLegacyEntry, .downloadLegacyPage:
            // Typing and verifying legacy register entries is the commune's civil-status work: its reception officers
            // and specialists (who type civil-status records at the counter), not leaders or stewards, and only for
            // the books their own commune kept.
            return [.init(.officials(lookUpRoles), .ownAgency)]
        case .getLegacyProgress:
            // Counts only, no personal data: the commune's officers and leaders, its stewards; provincially the
            // stewards and operations monitors who follow the digitisation.
            return [
                .init(.officials([.receptionOfficer, .specialist, .leader, .dataSteward]), .ownAgency),
                .init(.provincialOfficials([.dataSteward, .operationsMonitor]), .province),
            ]
        case .listLegacyReview, .decideLegacyLink:
            // Linking a record to a person is the data stewards' review, as for reconciliation findings.
            return [.init(.officials([.dataSteward]), .ownAgency), .init(.provincialOfficials([.dataSteward]), .province)]
        case .downloadMyLegacyPage:
            // The page of a record in the citizen's own archive.
            return [.init(.citizens(minimumLevel: 1), .ownPerson)]
        case .rateDossier, .createPetition, .listMyPetitions, .respondToPetition:
            // The applicant's own dossiers and the filer's own petitions (the service checks whose).
            return [.init(.citizens(minimumLevel: 1), .ownPerson)]
        case .rateDossierAtCounter:
            // The counter tablet: the applicant taps a level on a device the desk's officer signed in on.
            return [.init(.officials([.receptionOfficer, .resultClerk]), .ownAgency)]
        case .listPetitions, .getPetitionHistory:
            // The queue of the agency concerned, and for the province's operations monitors every agency's.
            return [
                .init(.officials([.receptionOfficer, .specialist, .leader]), .ownAgency),
                .init(.provincialOfficials([.operationsMonitor]), .province),
            ]
        case .actOnPetition:
            // Answering, refusing, asking for a supplement and publishing speak for the agency: its specialists and leaders.
            return [.init(.officials([.specialist, .leader]), .ownAgency)]
        case .listPublishedPetitions, .petitionsPage:
            // Published answers without personal data, for everyone (rate limited per address like `/verify`).
            return [.init(.everyone, .publicData)]
        case .satisfactionDeskPages:
            // Static pages (the counter tablet, the PAKN queue); what they send needs the officer's session.
            return [.init(.everyone, .publicData)]
        case .listCampaigns, .createCampaign, .listFindings, .runReconciliation, .exportCorrections, .listFindingDecisions,
            .decideFinding, .applyConversions:
            // Campaigns belong to the steward's agency; provincial stewards oversee every agency's campaigns.
            return [.init(.officials([.dataSteward]), .ownAgency), .init(.provincialOfficials([.dataSteward]), .province)]
        case .cancelReconciliationJob, .resumeReconciliationJob:
            // A campaign's jobs are run by the stewards of the campaign (its agency's, and provincial ones for all).
            return [.init(.officials([.dataSteward]), .ownAgency), .init(.provincialOfficials([.dataSteward]), .province)]
        case .listReconciliationJobs, .getReconciliationJob:
            // Following a run: the campaign's stewards, and auditors read (their agency's, provincial ones all).
            return [
                .init(.officials([.dataSteward, .auditor]), .ownAgency), .init(.provincialOfficials([.dataSteward, .auditor]), .province),
            ]
        case .listRegistryUpdates:
            // Read-only audit of what was sent to the national registries: an agency's auditors see its requests,
            // provincial auditors and provincial stewards (who oversee every campaign) all of them.
            return [.init(.officials([.auditor]), .ownAgency), .init(.provincialOfficials([.auditor, .dataSteward]), .province)]
        }
    }

    /// The widest scope the party gets for the operation, or nil when the party may not call it.
    public static func scope(of operation: PlatformOperation, for party: AccessParty) -> AccessScope? {
        grants(for: operation).filter { $0.audience.includes(party) }.map(\.scope).max()
    }

    /// Who may call an operation, in words, for 403 answers.
    public static func describe(_ operation: PlatformOperation) -> String {
        grants(for: operation).map { grant in
            switch grant.audience {
            case .everyone: "everyone"
            case .citizens(let level): "citizens with an e-ID of level \(level) or more"
            case .officials(let roles): roles.count == Role.allCases.count ? "officials" : roles.map(\.rawValue).sorted().joined(separator: ", ")
            case .provincialOfficials(let roles): "provincial " + roles.map(\.rawValue).sorted().joined(separator: ", ")
            }
        }.joined(separator: "; ")
    }
}
