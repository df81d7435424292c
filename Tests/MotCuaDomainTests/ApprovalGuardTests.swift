import Foundation
import MotCuaDomain
import Testing

@Suite("Approval guard: no approval with missing or unverified evidence or a blocking flag, unless a leader overrides")
struct ApprovalGuardTests {
    static let ward = "xa-09187"
    static let reception = Actor.official(id: "tn", role: .receptionOfficer, agencyID: ward)
    static let specialist = OfficialReference(id: "cv", role: .specialist, agencyID: ward)
    static let leader = Actor.official(id: "ld", role: .leader, agencyID: ward)
    static let now = VietnamTime.at(2026, 12, 7, 9)

    /// A counter birth registration taken through assignment and appraisal, waiting for the leader.
    static func atApproval() throws -> (DossierWorkflow, Procedure, Dossier) {
        let catalogue = try ReferenceResources.catalogue()
        let workflow = DossierWorkflow(calendar: try ReferenceResources.publishedCalendar())
        let intake = DossierIntake(catalogue: catalogue, agencies: try ReferenceResources.agencies(), workflow: workflow)
        let procedure = try #require(catalogue.procedure(code: "1.001193"))
        let request = DossierRequest(
            procedureCode: procedure.code, agencyID: ward, applicantID: "027203001234", applicantName: "Nguyễn Văn Bình", channel: .counter,
            formData: [:], components: [.init(code: "declaration", reference: "a"), .init(code: "birth_certificate", reference: "b")])
        let plan = try intake.plan(request, by: reception, at: now)
        var dossier = plan.make(code: DossierCode(agencyIdentifier: plan.receivingAgency.identifier, date: plan.codeDate, sequence: 1)).dossier
        dossier = try workflow.apply(.assign(specialist: specialist), to: dossier, procedure: procedure, by: reception, expectedVersion: 1, at: now).dossier
        dossier = try workflow.apply(
            .appraise(opinion: "đủ điều kiện"), to: dossier, procedure: procedure, by: specialist.actor, expectedVersion: 2, at: now).dossier
        return (workflow, procedure, dossier)
    }

    static func approve(_ dossier: Dossier, _ workflow: DossierWorkflow, _ procedure: Procedure, override: String? = nil) throws(TransitionError)
        -> (dossier: Dossier, entry: HistoryEntry)
    {
        try workflow.apply(
            .approve(note: nil, overrideReason: override), to: dossier, procedure: procedure, by: leader, expectedVersion: dossier.version, at: now)
    }

    @Test("A required component still pending verification blocks approval with a 409 that names it")
    func pendingBlocks() throws {
        let (workflow, procedure, dossier) = try Self.atApproval()
        #expect(dossier.components.contains { $0.required && $0.state == .pendingVerification })
        do {
            _ = try Self.approve(dossier, workflow, procedure)
            Issue.record("approved with unverified evidence")
        } catch {
            #expect(error.kind == .conflict)
            #expect(error.message.contains("requester_id is pending_verification"))
            #expect(error.message.contains("overrideReason"))
        }
    }

    @Test("A leader's override with a reason approves, and the history records the reason and what it overrode")
    func overrideRecorded() throws {
        let (workflow, procedure, dossier) = try Self.atApproval()
        let (approved, entry) = try Self.approve(dossier, workflow, procedure, override: "Đã đối chiếu căn cước bản gốc tại quầy")
        #expect(approved.step == .signature)
        let note = try #require(entry.note)
        #expect(note.hasPrefix(DossierWorkflow.overrideNotePrefix + "Đã đối chiếu căn cước bản gốc tại quầy"))
        #expect(note.contains("requester_id is pending_verification"))
        // A blank reason is no reason.
        #expect(throws: TransitionError.self) { try Self.approve(dossier, workflow, procedure, override: "   ") }
    }

    @Test("Verified evidence approves without an override; a deceased applicant blocks again, also at signature")
    func flagsBlock() throws {
        let (workflow, procedure, atApproval) = try Self.atApproval()
        var dossier = atApproval
        for index in dossier.components.indices where dossier.components[index].state == .pendingVerification {
            dossier.components[index].state = .fromRegistry
        }
        #expect(DossierWorkflow.approvalObstacles(of: dossier).isEmpty)
        let clean = try Self.approve(dossier, workflow, procedure)
        #expect(clean.entry.note == nil)

        dossier.flags = [
            DossierFlag(kind: .personDeceased, registry: .population, subject: dossier.applicantID.masked, messageVi: "mất", messageEn: "deceased")
        ]
        #expect(DossierWorkflow.approvalObstacles(of: dossier) == ["flag person_deceased"])
        #expect(throws: TransitionError.self) { try Self.approve(dossier, workflow, procedure) }
        var signed = clean.dossier
        signed.flags = dossier.flags
        #expect(throws: TransitionError.self) {
            try workflow.apply(
                .approveForSignature(note: nil), to: signed, procedure: procedure, by: Self.leader, expectedVersion: signed.version, at: Self.now)
        }
        // A discrepancy a specialist weighs (a name spelt differently) does not block.
        dossier.flags = [
            DossierFlag(kind: .nameMismatch, registry: .population, subject: dossier.applicantID.masked, messageVi: "tên", messageEn: "name")
        ]
        #expect(DossierWorkflow.approvalObstacles(of: dossier).isEmpty)
    }

    @Test("Refusing is never blocked: a leader can always refuse a dossier with missing evidence")
    func refusalNotBlocked() throws {
        let (workflow, procedure, dossier) = try Self.atApproval()
        let refused = try workflow.apply(
            .refuse(reason: "thiếu giấy tờ"), to: dossier, procedure: procedure, by: Self.leader, expectedVersion: dossier.version, at: Self.now)
        #expect(refused.dossier.outcome == .refused)
    }
}

extension OfficialReference {
    var actor: Actor { .official(id: id, role: role, agencyID: agencyID) }
}
