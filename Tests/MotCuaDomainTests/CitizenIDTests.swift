import MotCuaDomain
import Testing

@Suite("Citizen ID")
struct CitizenIDTests {
    @Test("A structurally valid number exposes its place, sex and birth year")
    func decodesStructure() throws {
        let id = try CitizenID("027 203 001234")
        #expect(id.value == "027203001234")
        #expect(id.placeCode == 27)
        #expect(id.sex == .male)
        #expect(id.birthYear == 2003)
        #expect(id.lastFour == "1234")
        #expect(id.masked == "027******1234")
        #expect(try CitizenID("024195000001").sex == .female)
        #expect(try CitizenID("024195000001").birthYear == 1995)
        #expect(try CitizenID("175300000001").registeredAbroad)
    }

    @Test("Wrong length, letters and unknown place codes are rejected with the reason", arguments: [
        ("02720300123", CitizenIDError.Reason.wrongLength(11)),
        ("0272030012345", .wrongLength(13)),
        ("02720300123A", .nonDigit),
        ("099203001234", .unknownPlaceCode("099")),
        ("003203001234", .unknownPlaceCode("003")),
        ("300203001234", .unknownPlaceCode("300")),
    ])
    func rejectsMalformed(raw: String, reason: CitizenIDError.Reason) {
        #expect(throws: CitizenIDError(reason)) { try CitizenID(raw) }
    }

    @Test("The century/sex digit and the year digits must agree with the recorded person")
    func checksAgainstPerson() throws {
        #expect(throws: Never.self) { try CitizenID("027203001234", sex: .male, birthYear: 2003) }
        #expect(throws: CitizenIDError(.sexMismatch)) { try CitizenID("027203001234", sex: .female, birthYear: 2003) }
        #expect(throws: CitizenIDError(.centuryMismatch)) { try CitizenID("027203001234", sex: .male, birthYear: 1903) }
        #expect(throws: CitizenIDError(.birthYearMismatch)) { try CitizenID("027203001234", sex: .male, birthYear: 2004) }
    }

    @Test("Every province code of the old 63-province list and every country code 101–295 is accepted")
    func acceptsAllPlaceCodes() throws {
        #expect(CitizenID.provinceCodes.count == 63)
        for code in CitizenID.provinceCodes.map({ $0 }) + Array(101...295) {
            let prefix = String(repeating: "0", count: 3 - String(code).count) + String(code)
            #expect(throws: Never.self) { try CitizenID(prefix + "090000001") }
        }
    }
}
