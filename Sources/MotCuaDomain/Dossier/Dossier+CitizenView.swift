import Foundation

/// What the applicant may read of their own dossier. Citizens can name other people in form fields
/// (`spouse_id`, `father_id`, ...), and the platform looks those people up for the officials; none of what
/// the national databases hold about them may come back to the applicant, or a dossier becomes an oracle over
/// other people's records (whether they exist, are alive, are married, their household).
extension Dossier {
    /// Flags the applicant sees: those about the applicant alone, whose kind says nothing about anyone else.
    /// Marriage and spouse discrepancies name or imply another person's records, and stay with the officials.
    public static let applicantFlagKinds: Set<DossierFlag.Kind> = [
        .notInPopulationRegister, .personDeceased, .nameMismatch, .recordUnderOldID,
    ]

    /// Whether a component's verification covers the other parties the form names, not only the applicant.
    public func coversOtherParties(_ component: DossierComponent) -> Bool {
        (component.code.contains("parties") || component.code.contains("parents"))
            && RegistryVerification.subjects(of: self).count > 1
    }

    /// The dossier as its applicant may see it: flags about other people removed, and components that cover
    /// other people shown without the national databases' answer (their state stays "pending verification"
    /// for the applicant until the result, and their reference is withheld).
    public var citizenView: Dossier {
        var view = self
        let applicant = applicantID.masked
        // Flags carry masked IDs; a party whose masked ID equals the applicant's would pass for the applicant,
        // so then no flag is shown at all.
        let ambiguous = RegistryVerification.subjects(of: self).dropFirst().contains { $0.masked == applicant }
        view.flags = ambiguous ? [] : flags.filter { $0.subject == applicant && Self.applicantFlagKinds.contains($0.kind) }
        for index in view.components.indices where coversOtherParties(view.components[index]) && view.components[index].registrySource != nil {
            view.components[index].reference = nil
            view.components[index].verifiedAt = nil
            if view.components[index].state != .provided { view.components[index].state = .pendingVerification }
        }
        return view
    }
}

extension HistoryEntry {
    /// The note as the applicant may read it: the national-data settlement note (which lists components that
    /// may cover other people) and a leader's override (which lists what it overrode) are officials' matters.
    public var citizenNote: String? {
        guard action != "verify_registry", let note else { return nil }
        let kept = note.components(separatedBy: " | ").filter { !$0.hasPrefix(DossierWorkflow.overrideNotePrefix) }
        return kept.isEmpty ? nil : kept.joined(separator: " | ")
    }
}
