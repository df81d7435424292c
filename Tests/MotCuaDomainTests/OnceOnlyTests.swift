import Foundation
import MotCuaDomain
import Testing

@Suite("Once-only: national database first, then the applicant's archive, only then an upload")
struct OnceOnlyTests {
    static let applicant = RegistryVerificationTests.wife
    static let deathExtract = ArchivedResult(
        id: "KQ-DEATH0001", type: .deathExtract, registerNumber: "12", issuedOn: LocalDate(year: 2026, month: 3, day: 2)!)

    /// A marital-status certification whose proof of a former spouse's death waits for the civil-status database.
    static func dossier(proofRequired: Bool = false) -> Dossier {
        Dossier(
            id: UUID(), code: "X", procedureCode: "1.004873", agencyID: "xa-09313", receivingAgencyID: "xa-09313",
            applicantID: applicant, applicantName: "Nguyễn Khánh Quyên", channel: .online, formData: [:],
            components: [
                DossierComponent(code: "declaration", nameVi: "d", nameEn: "d", required: true, registrySource: nil, state: .provided, reference: "eform"),
                DossierComponent(
                    code: "divorce_or_death_proof", nameVi: "p", nameEn: "p", required: proofRequired, registrySource: .civilStatus,
                    state: .pendingVerification),
            ],
            status: .submitted, step: .receipt, submittedAt: Date())
    }

    static func answered(_ sources: Set<RegistrySource>) -> RegistryEvidence {
        var evidence = RegistryEvidence(fetchedAt: Date(timeIntervalSince1970: 1_790_000_000))
        evidence.answered = sources
        evidence.people[applicant] = RegistryVerificationTests.person(applicant, status: .widowed)
        return evidence
    }

    @Test("A database miss with a matching valid archive item reuses it (reference, item, settled time); without one the component is missing")
    func missFallsBackToArchive() {
        var dossier = Self.dossier(proofRequired: true)
        let evidence = Self.answered([.population, .civilStatus])
        #expect(RegistryVerification.apply(evidence, to: &dossier, fallbacks: ["divorce_or_death_proof": Self.deathExtract]))
        let proof = dossier.components[1]
        #expect(proof.state == .reused && proof.reference == "result:KQ-DEATH0001" && proof.reusedItem == Self.deathExtract)
        #expect(proof.verifiedAt == evidence.fetchedAt && proof.provenance == .archive)
        #expect(DossierWorkflow.approvalObstacles(of: dossier).isEmpty)

        var without = Self.dossier(proofRequired: true)
        RegistryVerification.apply(evidence, to: &without)
        #expect(without.components[1].state == .missing && without.components[1].provenance == nil)
    }

    @Test("An outage of the database leaves the component pending even when the archive could satisfy it")
    func outageLeavesPending() {
        var dossier = Self.dossier()
        RegistryVerification.apply(Self.answered([.population]), to: &dossier, fallbacks: ["divorce_or_death_proof": Self.deathExtract])
        #expect(dossier.components[1].state == .pendingVerification && dossier.components[1].reusedItem == nil)
    }

    @Test("What the database holds wins over the archive")
    func databaseFirst() {
        var dossier = Self.dossier()
        var evidence = Self.answered([.population, .civilStatus])
        evidence.civilStatus[Self.applicant] = [RegistryVerificationTests.registration(.death, 2024, Self.applicant, RegistryVerificationTests.husband)]
        RegistryVerification.apply(evidence, to: &dossier, fallbacks: ["divorce_or_death_proof": Self.deathExtract])
        #expect(dossier.components[1].state == .fromRegistry && dossier.components[1].provenance == .registry)
    }

    @Test("Provenance follows the state and reference: registry, archive, e-form, scan, paper; none while unsettled")
    func provenance() {
        func component(_ state: DossierComponent.State, _ reference: String?) -> DossierComponent {
            DossierComponent(code: "c", nameVi: "c", nameEn: "c", required: true, registrySource: nil, state: state, reference: reference)
        }
        #expect(component(.fromRegistry, "HK").provenance == .registry)
        #expect(component(.reused, "result:KQ-1").provenance == .archive)
        #expect(component(.provided, "eform").provenance == .eform)
        #expect(component(.provided, "document:1b4e28ba-2fa1-11d2-883f-0016d3cca427").provenance == .scan)
        #expect(component(.provided, "bản chính").provenance == .paper)
        #expect(component(.provided, nil).provenance == .paper)
        #expect(component(.pendingVerification, nil).provenance == nil && component(.missing, nil).provenance == nil)
    }

    @Test("Requirements: the form is filled in, databases and the archive cover the rest, so nothing is to be uploaded")
    func requirements() throws {
        let catalogue = try ReferenceResources.catalogue()
        let certification = try #require(catalogue.procedure(code: "2.000815"))
        let extract = ArchivedResult(id: "KQ-BIRTH0001", type: .birthCertificateExtract)
        let withArchive = OnceOnly.requirements(of: certification, archive: [extract])
        #expect(withArchive.first { $0.component.code == "original" }?.way == .archive)
        #expect(withArchive.first { $0.component.code == "original" }?.archiveItem == extract)
        #expect(!OnceOnly.nothingToUpload(withArchive), "the copy to certify is still uploaded")
        let empty = OnceOnly.requirements(of: certification, archive: [])
        #expect(empty.first { $0.component.code == "original" }?.way == .upload)

        let marital = try #require(catalogue.procedure(code: "1.004873"))
        let ways = OnceOnly.requirements(of: marital, archive: [Self.deathExtract])
        #expect(ways.map(\.way) == [.form, .nationalDatabase, .nationalDatabase])
        #expect(ways[2].archiveItem == Self.deathExtract, "the archive item takes over if the database holds nothing")
        #expect(OnceOnly.nothingToUpload(ways))
        #expect(OnceOnly.fallbacks(for: marital, archive: [Self.deathExtract]) == ["divorce_or_death_proof": Self.deathExtract])
        // Another type never satisfies it.
        #expect(OnceOnly.fallbacks(for: marital, archive: [extract]).isEmpty)
    }

    @Test("Report months: YYYY-MM, 'to' not before 'from', at most 60 months, each refusal naming its field")
    func monthRange() throws {
        #expect(try MonthRange(from: "2026-01", to: "2026-12").to == "2026-12")
        #expect(try MonthRange(from: "2022-01", to: "2026-12").from == "2022-01")
        func field(_ from: String, _ to: String) -> String? {
            do { _ = try MonthRange(from: from, to: to); return nil } catch { return error.field }
        }
        #expect(field("2026-13", "2026-12") == "from")
        #expect(field("2026-1", "2026-12") == "from")
        #expect(field("2026-01", "2026/12") == "to")
        #expect(field("2026-05", "2026-04") == "to")
        #expect(field("2021-12", "2026-12") == "to")
    }
}
