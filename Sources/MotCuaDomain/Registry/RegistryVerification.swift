import Foundation

/// Turns the national databases' answers into a dossier's component states and discrepancy flags.
/// Pure: the platform fetches the evidence, this decides what it proves.
public enum RegistryVerification {
    /// Form fields that name another party by citizen ID (the other spouse, the parents, a ward).
    public static let partyFields = ["partner_id", "spouse_id", "father_id", "mother_id", "other_party_id", "ward_id"]

    /// The people whose records a dossier needs: the applicant, then the parties its form names.
    /// Malformed IDs in the form are skipped here; the form's own validation reports them.
    public static func subjects(of dossier: Dossier) -> [CitizenID] {
        var result = [dossier.applicantID]
        for field in partyFields {
            if let raw = dossier.formData[field], let id = try? CitizenID(raw), !result.contains(id) { result.append(id) }
        }
        return result
    }

    /// The databases to ask for the components still waiting for national data. The population register is
    /// always asked: it is what discrepancies are checked against.
    public static func registriesNeeded(for dossier: Dossier) -> Set<RegistrySource> {
        var needed: Set<RegistrySource> = [.population]
        for component in dossier.components where component.state == .pendingVerification {
            if let source = component.registrySource { needed.insert(source) }
        }
        // Marriages are checked against the civil-status database whenever a profile is read.
        needed.insert(.civilStatus)
        return needed
    }

    /// Whether any component still waits for a database.
    public static func isPending(_ dossier: Dossier) -> Bool {
        dossier.components.contains { $0.state == .pendingVerification }
    }

    /// Settles the pending components the evidence covers and replaces the flags of the databases that
    /// answered. Returns whether anything changed.
    /// - Parameter fallbacks: by component code, the valid archived result of the applicant that satisfies the
    ///   component when the database answered but does not hold it (`OnceOnly.fallbacks`); a database that did
    ///   not answer leaves its components pending whatever the archive holds.
    @discardableResult
    public static func apply(
        _ evidence: RegistryEvidence, to dossier: inout Dossier, fallbacks: [String: ArchivedResult] = [:]
    ) -> Bool {
        let before = (dossier.components, dossier.flags)
        let subjects = subjects(of: dossier)
        for index in dossier.components.indices {
            let component = dossier.components[index]
            guard component.state == .pendingVerification, let source = component.registrySource,
                evidence.answered.contains(source)
            else { continue }
            if let reference = proof(of: component, from: source, subjects: subjects, evidence: evidence) {
                dossier.components[index].state = .fromRegistry
                dossier.components[index].reference = reference
                dossier.components[index].verifiedAt = evidence.fetchedAt
            } else if let item = fallbacks[component.code] {
                // The database does not hold it, the applicant's archive does: reused, not asked for.
                dossier.components[index].state = .reused
                dossier.components[index].reference = item.reference
                dossier.components[index].reusedItem = item
                dossier.components[index].verifiedAt = evidence.fetchedAt
            } else {
                // The State does not hold it after all: the applicant must supply it if it is required.
                dossier.components[index].state = component.required ? .missing : .notApplicable
                dossier.components[index].verifiedAt = evidence.fetchedAt
            }
        }
        let fresh = discrepancies(subjects: subjects, applicantName: dossier.applicantName, evidence: evidence)
        dossier.flags = dossier.flags.filter { !evidence.answered.contains($0.registry) } + fresh
        return before != (dossier.components, dossier.flags)
    }

    /// The reference that proves a component, or nil when the database holds nothing that does.
    static func proof(
        of component: DossierComponent, from source: RegistrySource, subjects: [CitizenID], evidence: RegistryEvidence
    ) -> String? {
        let applicant = subjects[0]
        // "parties"/"parents" components cover everyone the form names; others the applicant alone.
        let covered = component.code.contains("parties") || component.code.contains("parents") ? subjects : [applicant]
        switch source {
        case .population:
            let records = covered.compactMap { evidence.people[$0] }
            guard records.count == covered.count, records.allSatisfy({ $0.deceasedOn == nil }) else { return nil }
            return records.map { "\($0.citizenID.masked) (\($0.householdID))" }.joined(separator: "; ")
        case .civilStatus:
            let registrations = evidence.civilStatus[applicant] ?? []
            let kinds = relevantKinds(component.code)
            let matching = registrations.filter { kinds.contains($0.kind) }
            if !matching.isEmpty { return matching.map(\.registrationNumber).joined(separator: "; ") }
            // Having no marriage on record is itself what a marital-status check needs to know.
            return component.code == "marital_status" ? "no marriage registered / chưa đăng ký kết hôn" : nil
        case .socialInsurance:
            return evidence.insurance[applicant].map { "BHXH " + String($0.socialInsuranceNumber.suffix(4)).leftPadded(to: 10, with: "*") }
        case .land:
            let parcels = evidence.landParcels[applicant] ?? []
            return parcels.isEmpty ? nil : parcels.map(\.parcelID).joined(separator: "; ")
        case .tax:
            return evidence.tax[applicant].map { "MST " + $0.citizenID.masked }
        case .business:
            let businesses = evidence.businesses[applicant] ?? []
            return businesses.isEmpty ? nil : businesses.map(\.businessCode).joined(separator: "; ")
        }
    }

    static func relevantKinds(_ componentCode: String) -> Set<CivilStatusRegistration.Kind> {
        if componentCode.contains("divorce") || componentCode.contains("death") { return [.divorce, .death] }
        if componentCode.contains("marri") || componentCode == "marital_status" { return [.marriage] }
        if componentCode.contains("birth") { return [.birth] }
        return Set(CivilStatusRegistration.Kind.allCases)
    }

    /// Disagreements between the databases, and between them and the dossier.
    public static func discrepancies(subjects: [CitizenID], applicantName: String, evidence: RegistryEvidence) -> [DossierFlag] {
        var flags: [DossierFlag] = []
        guard evidence.answered.contains(.population) else { return flags }
        for (position, id) in subjects.enumerated() {
            guard let person = evidence.people[id] else {
                flags.append(
                    DossierFlag(
                        kind: .notInPopulationRegister, registry: .population, subject: id.masked,
                        messageVi: "Không có trong CSDLQG về dân cư", messageEn: "not in the national population database"))
                continue
            }
            if let died = person.deceasedOn {
                flags.append(
                    DossierFlag(
                        kind: .personDeceased, registry: .population, subject: id.masked,
                        messageVi: "CSDLQG về dân cư ghi nhận đã chết ngày \(died.vietnamese)",
                        messageEn: "recorded as deceased on \(died) in the population database"))
            }
            if position == 0, VietnameseName(applicantName).matchingKey != VietnameseName(person.fullName).matchingKey {
                flags.append(
                    DossierFlag(
                        kind: .nameMismatch, registry: .population, subject: id.masked,
                        messageVi: "Họ tên trên hồ sơ khác với CSDLQG về dân cư (\(person.fullName))",
                        messageEn: "the name on the dossier differs from the population database (\(person.fullName))"))
            }
            if evidence.answered.contains(.civilStatus) {
                flags += maritalDiscrepancies(person, registrations: evidence.civilStatus[id] ?? [])
            }
            if evidence.answered.contains(.socialInsurance), position == 0, evidence.insurance[id] == nil, person.legacyID != nil {
                // Checked only when the insurance database was asked; a miss for someone with an old ID
                // usually means the record was never converted.
                flags.append(
                    DossierFlag(
                        kind: .recordUnderOldID, registry: .socialInsurance, subject: id.masked,
                        messageVi: "Không tìm thấy thẻ BHYT theo số định danh; có thể còn theo số CMND cũ",
                        messageEn: "no insurance record under the citizen ID; it may still be keyed by the old ID"))
            }
        }
        return flags
    }

    static func maritalDiscrepancies(_ person: PopulationRecord, registrations: [CivilStatusRegistration]) -> [DossierFlag] {
        let id = person.citizenID
        let history = MaritalHistory(id, registrations: registrations)
        var flags: [DossierFlag] = []
        if let marriage = history.currentMarriage, person.maritalStatus == .single || person.maritalStatus == .divorced {
            flags.append(
                DossierFlag(
                    kind: .marriageMissingFromProfile, registry: .civilStatus, subject: id.masked,
                    messageVi: "Đã đăng ký kết hôn (\(marriage.registrationNumber), ngày \(marriage.date.vietnamese)) nhưng CSDLQG về dân cư ghi \(person.maritalStatus.nameVi)",
                    messageEn: "marriage \(marriage.registrationNumber) of \(marriage.date) is registered but the population profile says \(person.maritalStatus.rawValue)"))
        }
        if person.maritalStatus == .married {
            if person.spouseID == nil {
                flags.append(
                    DossierFlag(
                        kind: .spouseMissing, registry: .population, subject: id.masked,
                        messageVi: "CSDLQG về dân cư ghi đã kết hôn nhưng thiếu thông tin vợ/chồng",
                        messageEn: "the population profile says married but names no spouse"))
            }
            if let spouse = history.spouse(of: id), let recorded = person.spouseID, recorded != spouse {
                flags.append(
                    DossierFlag(
                        kind: .spouseMismatch, registry: .civilStatus, subject: id.masked,
                        messageVi: "Vợ/chồng trong CSDLQG về dân cư khác với đăng ký kết hôn \(history.currentMarriage!.registrationNumber)",
                        messageEn: "the spouse in the population profile differs from marriage registration \(history.currentMarriage!.registrationNumber)"))
            }
            if history.currentMarriage == nil {
                flags.append(
                    DossierFlag(
                        kind: .marriageNotRegistered, registry: .civilStatus, subject: id.masked,
                        messageVi: "CSDLQG về dân cư ghi đã kết hôn nhưng CSDL hộ tịch điện tử không có đăng ký kết hôn",
                        messageEn: "the population profile says married but the civil-status database has no marriage registration"))
            }
        }
        return flags
    }
}

extension MaritalStatus {
    /// Vietnamese wording (tình trạng hôn nhân).
    public var nameVi: String {
        switch self {
        case .single: "chưa kết hôn"
        case .married: "đã kết hôn"
        case .divorced: "đã ly hôn"
        case .widowed: "vợ/chồng đã chết"
        }
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character) -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
