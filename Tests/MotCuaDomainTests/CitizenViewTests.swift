import Foundation
import MotCuaDomain
import Testing

@Suite("The applicant's view of a dossier says nothing about the other people the form names")
struct CitizenViewTests {
    static let applicant = try! CitizenID("027191599874")
    static let spouse = try! CitizenID("027090613014")

    static func flag(_ kind: DossierFlag.Kind, _ id: CitizenID) -> DossierFlag {
        DossierFlag(kind: kind, registry: .population, subject: id.masked, messageVi: "x", messageEn: "x")
    }

    static func dossier(spouse: CitizenID) -> Dossier {
        Dossier(
            id: UUID(), code: "X-261207-6000", procedureCode: "1.000894", agencyID: "xa-09187", receivingAgencyID: "xa-09187",
            applicantID: applicant, applicantName: "Nguyễn Khánh Quyên", channel: .online, formData: ["spouse_id": spouse.value],
            components: [
                DossierComponent(
                    code: "parties_id", nameVi: "CC", nameEn: "IDs", required: true, registrySource: .population, state: .missing,
                    reference: nil, verifiedAt: Date()),
                DossierComponent(
                    code: "requester_id", nameVi: "CC", nameEn: "ID", required: true, registrySource: .population, state: .fromRegistry,
                    reference: "027******9874 (HK-1)", verifiedAt: Date()),
            ],
            flags: [
                flag(.personDeceased, spouse), flag(.notInPopulationRegister, spouse), flag(.nameMismatch, applicant),
                flag(.marriageMissingFromProfile, applicant),
            ],
            status: .submitted, step: .receipt, submittedAt: Date())
    }

    @Test("Flags about the other party, and marriage flags, are removed; the applicant's own name flag stays")
    func flagsFiltered() {
        let view = Self.dossier(spouse: Self.spouse).citizenView
        #expect(view.flags.map(\.kind) == [.nameMismatch])
    }

    @Test("A component covering the other party hides the registers' answer (state and reference); the applicant's own stays")
    func componentsRedacted() throws {
        let view = Self.dossier(spouse: Self.spouse).citizenView
        let parties = try #require(view.components.first { $0.code == "parties_id" })
        #expect(parties.state == .pendingVerification && parties.reference == nil && parties.verifiedAt == nil)
        #expect(view.components.first { $0.code == "requester_id" }?.reference == "027******9874 (HK-1)")
    }

    @Test("When another party's masked ID equals the applicant's, no flag is shown at all")
    func ambiguousMask() throws {
        let lookalike = try CitizenID("027555559874")
        #expect(lookalike.masked == Self.applicant.masked)
        #expect(Self.dossier(spouse: lookalike).citizenView.flags.isEmpty)
    }

    @Test("History notes: the national-data settlement note and a leader's override are not shown to the applicant")
    func historyNotes() {
        func entry(_ action: String, _ note: String?) -> HistoryEntry {
            HistoryEntry(
                dossierID: UUID(), sequence: 2, action: action, actor: .system("v"), at: Date(), statusBefore: .received,
                statusAfter: .received, stepBefore: .receipt, stepAfter: .receipt, note: note, previousHash: "")
        }
        #expect(entry("verify_registry", "parties_id: missing").citizenNote == nil)
        #expect(entry("approve", "ok | " + DossierWorkflow.overrideNotePrefix + "x (despite: flag person_deceased)").citizenNote == "ok")
        #expect(entry("request_supplement", "thiếu giấy chứng sinh").citizenNote == "thiếu giấy chứng sinh")
    }
}
