import Foundation
import MotCuaDomain
import Testing

@Suite("Registry verification: what national data proves, and the discrepancies it reveals")
struct RegistryVerificationTests {
    static let wife = try! CitizenID("027191599874")
    static let husband = try! CitizenID("027090613014")
    static let other = try! CitizenID("027090000017")

    static func person(_ id: CitizenID, name: String = "Nguyễn Khánh Quyên", status: MaritalStatus, spouse: CitizenID? = nil, died: LocalDate? = nil) -> PopulationRecord {
        PopulationRecord(
            citizenID: id, legacyID: nil, fullName: name, sex: .female, dateOfBirth: LocalDate(year: 1991, month: 2, day: 26)!,
            birthplace: "Tỉnh Bắc Ninh", nativePlace: "Tỉnh Bắc Ninh", permanentAddress: .init(communeCode: "09313", text: "Thôn Trại"),
            currentAddress: .init(communeCode: "09313", text: "Thôn Trại"), maritalStatus: status, spouseID: spouse, fatherID: nil,
            motherID: nil, householdID: "HK-09313-000001", householdHeadID: id, deceasedOn: died)
    }

    static func registration(_ kind: CivilStatusRegistration.Kind, _ year: Int, _ a: CitizenID, _ b: CitizenID) -> CivilStatusRegistration {
        CivilStatusRegistration(
            kind: kind, registrationNumber: "\(kind.numberPrefix)-09313-\(year)-000001", date: LocalDate(year: year, month: 6, day: 1)!,
            communeCode: "09313", parties: [.init(role: .husband, citizenID: b), .init(role: .wife, citizenID: a)])
    }

    static func flags(_ person: PopulationRecord, _ civil: [CivilStatusRegistration], name: String? = nil) -> [DossierFlag.Kind] {
        var evidence = RegistryEvidence(fetchedAt: Date())
        evidence.answered = [.population, .civilStatus]
        evidence.people[person.citizenID] = person
        evidence.civilStatus[person.citizenID] = civil
        return RegistryVerification.discrepancies(subjects: [person.citizenID], applicantName: name ?? person.fullName, evidence: evidence).map(\.kind)
    }

    @Test("A registered marriage missing from a 'single' profile is flagged; a later divorce between the same two clears it")
    func marriageMissing() {
        let marriage = Self.registration(.marriage, 2010, Self.wife, Self.husband)
        #expect(Self.flags(Self.person(Self.wife, status: .single), [marriage]) == [.marriageMissingFromProfile])
        let divorce = Self.registration(.divorce, 2015, Self.wife, Self.husband)
        #expect(Self.flags(Self.person(Self.wife, status: .single), [marriage, divorce]).isEmpty)
        #expect(Self.flags(Self.person(Self.wife, status: .married, spouse: Self.husband), [marriage]).isEmpty)
    }

    @Test("Married without a spouse, with another spouse, or without any registration are each flagged")
    func spouseProblems() {
        let marriage = Self.registration(.marriage, 2010, Self.wife, Self.husband)
        #expect(Self.flags(Self.person(Self.wife, status: .married), [marriage]) == [.spouseMissing])
        #expect(Self.flags(Self.person(Self.wife, status: .married, spouse: Self.other), [marriage]) == [.spouseMismatch])
        #expect(Self.flags(Self.person(Self.wife, status: .married, spouse: Self.husband), []) == [.marriageNotRegistered])
    }

    @Test("Names agree across diacritics, case and đ; a different name and a death are flagged")
    func nameAndDeath() {
        let person = Self.person(Self.wife, name: "Đỗ Thị Hoà", status: .single)
        #expect(Self.flags(person, [], name: "ĐỖ THỊ HÒA").isEmpty)
        #expect(Self.flags(person, [], name: "Do Thi Hoa").isEmpty)
        #expect(Self.flags(person, [], name: "Đỗ Thị Hoa Lan") == [.nameMismatch])
        let died = Self.person(Self.wife, status: .single, died: LocalDate(year: 2025, month: 1, day: 3)!)
        #expect(Self.flags(died, []) == [.personDeceased])
    }

    @Test("Components settle only from databases that answered: found is from_registry, absent is missing or not applicable")
    func components() {
        let spec = { (code: String, required: Bool, source: RegistrySource) in
            DossierComponent(code: code, nameVi: code, nameEn: code, required: required, registrySource: source, state: .pendingVerification)
        }
        var dossier = Dossier(
            id: UUID(), code: "X", procedureCode: "1.004873", agencyID: "xa-09313", receivingAgencyID: "xa-09313",
            applicantID: Self.wife, applicantName: "Nguyễn Khánh Quyên", channel: .counter, formData: [:],
            components: [spec("requester_id", true, .population), spec("divorce_or_death_proof", false, .civilStatus), spec("old_card", false, .socialInsurance)],
            status: .received, step: .receipt, submittedAt: Date())
        var evidence = RegistryEvidence(fetchedAt: Date())
        evidence.answered = [.population, .civilStatus]
        evidence.people[Self.wife] = Self.person(Self.wife, status: .single)
        #expect(RegistryVerification.apply(evidence, to: &dossier))
        #expect(dossier.components.map(\.state) == [.fromRegistry, .notApplicable, .pendingVerification])
        #expect(dossier.components[0].reference?.contains("HK-09313-000001") == true)
        #expect(RegistryVerification.isPending(dossier))
        // Asking again with the same answers changes nothing.
        #expect(!RegistryVerification.apply(evidence, to: &dossier))
    }
}
