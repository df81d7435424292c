import Foundation

/// A validated new dossier waiting only for its number, which storage allocates inside the same
/// transaction that writes it (so numbers are gap-free).
public struct DossierPlan: Sendable {
    public let receivingAgency: Agency
    /// Receipt date in Vietnam time; the dossier number's `yyMMdd`.
    public let codeDate: LocalDate
    /// The dossier as it will be stored, but for its number, version and history head (set by `make`).
    public let template: Dossier
    /// Who received or submitted the dossier.
    public let actor: Actor
    let action: String
    let note: String?

    init(receivingAgency: Agency, codeDate: LocalDate, template: Dossier, actor: Actor, action: String, note: String?) {
        self.receivingAgency = receivingAgency
        self.codeDate = codeDate
        self.template = template
        self.actor = actor
        self.action = action
        self.note = note
    }

    /// Builds the dossier and its first history entry once the number is known.
    public func make(code: DossierCode) -> (dossier: Dossier, entry: HistoryEntry) {
        let t = template
        var dossier = Dossier(
            id: t.id, code: code.description, procedureCode: t.procedureCode, agencyID: t.agencyID,
            receivingAgencyID: t.receivingAgencyID, applicantID: t.applicantID, applicantName: t.applicantName,
            channel: t.channel, formData: t.formData, components: t.components, flags: t.flags, status: t.status, step: t.step,
            submittedAt: t.submittedAt, receivedAt: t.receivedAt, dueAt: t.dueAt, dueProvisional: t.dueProvisional,
            stepDeadlines: t.stepDeadlines, pausedOfficeMinutes: t.pausedOfficeMinutes,
            version: 1)
        let entry = HistoryEntry(
            dossierID: t.id, sequence: 1, action: action, actor: actor, at: t.submittedAt, statusBefore: nil,
            statusAfter: t.status, stepBefore: nil, stepAfter: t.step, note: [note, "code " + code.description]
                .compactMap { $0 }.joined(separator: " | "), previousHash: HashChain.genesis(for: t.id))
        dossier.historyHead = entry.hash
        return (dossier, entry)
    }
}
