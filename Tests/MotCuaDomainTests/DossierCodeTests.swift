import MotCuaDomain
import Testing

@Suite("Dossier code (Circular 01/2018 art. 19)")
struct DossierCodeTests {
    @Test("Formats as identifier-yyMMdd-0000 and parses back")
    func roundTrips() throws {
        let code = DossierCode(agencyIdentifier: "000.00.00.H10", date: try #require(LocalDate(year: 2026, month: 1, day: 5)), sequence: 7)
        #expect(code.description == "000.00.00.H10-260105-0007")
        #expect(DossierCode(code.description) == code)
    }

    @Test("Text that is not in the art. 19 shape is not a code", arguments: [
        "", "000.00.00.H10", "000.00.00.H10-261305-0001", "000.00.00.H10-260105-001", "000.00.00.H10-260105-0000",
        "x y-260105-0001", "000.00.00.h10-260105-0001",
    ])
    func rejectsMalformed(text: String) {
        #expect(DossierCode(text) == nil)
    }
}
