import Foundation

/// What the history records of a filed scan: enough to find and check it, nothing about the person.
public struct ScanRecord: Sendable, Hashable {
    /// The stored document's identifier, which the component's reference points at.
    public let documentID: UUID
    public let sha256: String
    public let mediaType: DocumentMediaType
    public let pages: Int

    public init(documentID: UUID, sha256: String, mediaType: DocumentMediaType, pages: Int) {
        self.documentID = documentID
        self.sha256 = sha256
        self.mediaType = mediaType
        self.pages = pages
    }

    /// The component's reference to the document.
    public var reference: String { "document:" + documentID.lowercasedText }
}

extension DossierWorkflow {
    /// Statuses in which a scan of a component may be added: before receipt (the applicant online), while the
    /// administration handles it, and while it waits for the applicant's supplement.
    public static let digitisingStatuses: [DossierStatus] = [.submitted, .received, .inProcess, .supplementRequested]

    /// The component a scan may be filed for, or the rule that refuses it: the component must be one of the
    /// dossier's (422); the caller must be its applicant, a reception officer of the receiving agency or the
    /// specialist handling it (403); the dossier must be open to scans (409).
    ///
    /// Checked before the upload is read, and again inside the transaction that files it.
    public static func checkDigitising(
        componentCode: String, of dossier: Dossier, by actor: Actor
    ) throws(TransitionError) -> DossierComponent {
        guard let component = dossier.components.first(where: { $0.code == componentCode }) else {
            let known = dossier.components.map(\.code).joined(separator: ", ")
            throw TransitionError(
                .invalid,
                "Hồ sơ không có thành phần '\(componentCode)' / the dossier's procedure has no component '\(componentCode)'; "
                    + "its components are: \(known)")
        }
        switch actor {
        case .citizen(let id) where id == dossier.applicantID: break
        case .official(_, .receptionOfficer, let agency) where agency == dossier.receivingAgencyID: break
        case .official(let id, .specialist, let agency) where agency == dossier.agencyID && dossier.handlerID == id: break
        default:
            throw TransitionError(
                .forbidden,
                "Chỉ người nộp hồ sơ, cán bộ tiếp nhận của nơi tiếp nhận hoặc chuyên viên đang xử lý được nộp bản quét / "
                    + "only the applicant, a reception officer of \(dossier.receivingAgencyID) or the specialist handling the dossier may add a scan")
        }
        guard digitisingStatuses.contains(dossier.status) else {
            throw TransitionError(
                .conflict,
                "Không thể nộp bản quét khi hồ sơ ở trạng thái \(dossier.status.labelVi) / scans are accepted while the dossier is "
                    + digitisingStatuses.map(\.name).joined(separator: ", ") + "; it is \(dossier.status.name)")
        }
        return component
    }

    /// The dossier with the component provided by the scan, and the history entry recording who filed which
    /// content for which component (its SHA-256, type and pages; no personal data).
    public static func digitise(
        _ scan: ScanRecord, componentCode: String, of dossier: Dossier, by actor: Actor, at now: Date
    ) throws(TransitionError) -> (dossier: Dossier, entry: HistoryEntry) {
        _ = try checkDigitising(componentCode: componentCode, of: dossier, by: actor)
        var next = dossier
        for index in next.components.indices where next.components[index].code == componentCode {
            // A scan satisfies the component whatever its state before (missing, pending, even from a registry):
            // the approval guard counts it as provided.
            next.components[index].state = .provided
            next.components[index].reference = scan.reference
        }
        next.version = dossier.version + 1
        let note =
            "component \(componentCode): \(scan.mediaType.displayName), \(scan.pages) page(s), sha256 \(scan.sha256), document \(scan.documentID.lowercasedText)"
        let entry = HistoryEntry(
            dossierID: dossier.id, sequence: next.version, action: "digitise_component", actor: actor, at: now,
            statusBefore: dossier.status, statusAfter: next.status, stepBefore: dossier.step, stepAfter: next.step, note: note,
            previousHash: dossier.historyHead)
        next.historyHead = entry.hash
        return (next, entry)
    }
}
