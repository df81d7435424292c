import MotCuaDomain
import MotCuaRegistrySandbox

/// A living adult from the sandbox registry, with the QR text of their chip ID card: ready-made people for
/// demos, the README and manual tests (`GET /sandbox/samples?count=5`).
public struct SandboxSample: Sendable, Hashable, Codable {
    public var citizenID: CitizenID
    public var fullName: String
    public var sex: Sex
    public var dateOfBirth: LocalDate
    public var maritalStatus: MaritalStatus
    public var spouseID: CitizenID?
    /// The marriage registration on record, for the married.
    public var marriageRegistration: String?
    /// What a counter scanner reads from the card (``ChipCardQR/qrText``).
    public var qrText: String

    /// About two thirds married people with their marriage on record (the richer demo: spouse, civil status)
    /// and the rest single; the same registry always gives the same people.
    public static func samples(from registry: NationalRegistry, count: Int) -> [SandboxSample] {
        let singlesWanted = count / 3
        var married: [SandboxSample] = []
        var singles: [SandboxSample] = []
        let total = registry.personCount
        // A prime stride spreads the picks over communes and households instead of one family's rows.
        let stride = total % 7_919 == 0 ? 7_907 : 7_919
        var position = 0
        for _ in 0..<total where married.count + singles.count < count {
            position = (position + stride) % total
            guard let person = registry.person(at: position), person.deceasedOn == nil,
                age(person.dateOfBirth, on: registry.referenceDate) >= 18
            else { continue }
            switch person.maritalStatus {
            case .married where married.count < count - singlesWanted || singles.count == singlesWanted:
                guard person.spouseID != nil,
                    let marriage = registry.civilStatus(for: person.citizenID).last(where: { $0.kind == .marriage })
                else { continue }
                married.append(sample(person, marriage: marriage.registrationNumber))
            case .single where singles.count < singlesWanted:
                singles.append(sample(person, marriage: nil))
            default:
                continue
            }
        }
        return married + singles
    }

    private static func sample(_ person: PopulationRecord, marriage: String?) -> SandboxSample {
        // Chip cards have been issued since 2021; the day is derived from the ID so that it stays stable.
        let digits = Int(person.citizenID.value.suffix(6)) ?? 0
        let issued = LocalDate(year: 2021 + digits % 4, month: 1 + digits % 12, day: 1 + digits % 28)
        let card = ChipCardQR(
            citizenID: person.citizenID, legacyID: person.legacyID, fullName: person.fullName.uppercased(),
            dateOfBirth: person.dateOfBirth, sex: person.sex, address: person.permanentAddress.text,
            dateOfIssue: issued.flatMap { $0 >= person.dateOfBirth ? $0 : nil })
        return SandboxSample(
            citizenID: person.citizenID, fullName: person.fullName, sex: person.sex, dateOfBirth: person.dateOfBirth,
            maritalStatus: person.maritalStatus, spouseID: person.spouseID, marriageRegistration: marriage, qrText: card.qrText)
    }

    private static func age(_ born: LocalDate, on date: LocalDate) -> Int {
        date.year - born.year - ((date.month, date.day) < (born.month, born.day) ? 1 : 0)
    }
}
