import Foundation
import MotCuaDomain
import Testing

@Suite("Digitising a component: who may file a scan, when, and what it changes")
struct DigitisingTests {
    static let scan = ScanRecord(
        documentID: UUID(uuidString: "7f1c2a4e-0000-4000-8000-000000000001")!, sha256: String(repeating: "ab", count: 32), mediaType: .pdf,
        pages: 2)

    @Test("A scan makes a required component provided, so the approval guard no longer names it, and is one history entry")
    func scanSatisfiesTheGuard() throws {
        let (workflow, procedure, dossier) = try ApprovalGuardTests.atApproval()
        #expect(DossierWorkflow.approvalObstacles(of: dossier).contains("component requester_id is pending_verification"))
        let (next, entry) = try DossierWorkflow.digitise(
            Self.scan, componentCode: "requester_id", of: dossier, by: ApprovalGuardTests.reception, at: ApprovalGuardTests.now)
        let component = try #require(next.components.first { $0.code == "requester_id" })
        #expect(component.state == .provided && component.reference == "document:7f1c2a4e-0000-4000-8000-000000000001")
        #expect(DossierWorkflow.approvalObstacles(of: next).isEmpty)
        #expect(next.version == dossier.version + 1 && next.status == dossier.status && next.step == dossier.step)
        #expect(entry.action == "digitise_component" && entry.sequence == next.version && entry.previousHash == dossier.historyHead)
        #expect(next.historyHead == entry.hash)
        let note = try #require(entry.note)
        #expect(note.contains("requester_id") && note.contains(Self.scan.sha256) && !note.contains(dossier.applicantID.value))
        #expect(!note.contains(dossier.applicantName))
        #expect(try ApprovalGuardTests.approve(next, workflow, procedure).dossier.step == .signature)
    }

    @Test("Only the applicant, the receiving agency's reception officer and the handling specialist may file; an unknown component is invalid")
    func whoMayFile() throws {
        let (_, _, dossier) = try ApprovalGuardTests.atApproval()
        func kind(_ actor: Actor, _ component: String = "declaration") -> TransitionError.Kind? {
            do {
                _ = try DossierWorkflow.checkDigitising(componentCode: component, of: dossier, by: actor)
                return nil
            } catch {
                return error.kind
            }
        }
        #expect(kind(ApprovalGuardTests.reception) == nil)
        #expect(kind(.citizen(dossier.applicantID)) == nil)
        // The dossier waits for the leader: nobody handles it, so no specialist may file.
        #expect(kind(ApprovalGuardTests.specialist.actor) == .forbidden)
        #expect(kind(ApprovalGuardTests.leader) == .forbidden)
        #expect(kind(.official(id: "tn2", role: .receptionOfficer, agencyID: "xa-other")) == .forbidden)
        #expect(kind(.citizen(try CitizenID("001099012345"))) == .forbidden)
        #expect(kind(.system("registry-verifier")) == .forbidden)
        #expect(kind(ApprovalGuardTests.reception, "no_such") == .invalid)
    }

    @Test("A dossier that is finished, waiting for payment or closed takes no scan (409)")
    func closedDossier() throws {
        let (_, _, dossier) = try ApprovalGuardTests.atApproval()
        for status in DossierStatus.allCases where !DossierWorkflow.digitisingStatuses.contains(status) {
            var closed = dossier
            closed.status = status
            do {
                _ = try DossierWorkflow.checkDigitising(componentCode: "declaration", of: closed, by: ApprovalGuardTests.reception)
                Issue.record("a scan was accepted while the dossier is \(status.name)")
            } catch {
                #expect(error.kind == .conflict)
            }
        }
    }
}
