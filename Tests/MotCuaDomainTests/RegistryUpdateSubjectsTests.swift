import MotCuaDomain
import Testing

/// What each registry update concerns: the outbox keeps updates that share a subject in decision order.
@Suite("Registry update subjects")
struct RegistryUpdateSubjectsTests {
    @Test("Subjects: both spouses for a marriage or divorce, the person for a death or an insurance record, the parcel for land")
    func subjectsOfEachUpdate() throws {
        let husband = try CitizenID("027090000011"), wife = try CitizenID("027190000022")
        let day = LocalDate(year: 2026, month: 11, day: 2)!
        #expect(RegistryUpdate.registerMarriage(husband: husband, wife: wife, date: day, communeCode: "09187").subjects
            == ["person:027090000011", "person:027190000022"])
        #expect(RegistryUpdate.registerDivorce(husband: husband, wife: wife, date: day, decision: "12/2026", communeCode: "09187").subjects
            == ["person:027090000011", "person:027190000022"])
        #expect(RegistryUpdate.registerDeath(wife, date: day, communeCode: "09187").subjects == ["person:027190000022"])
        #expect(RegistryUpdate.convertInsuranceHolder(husband).subjects == ["person:027090000011"])
        #expect(RegistryUpdate.applyMarriageRegistration(registrationNumber: "KH-09187-2019-000123").subjects == ["registration:KH-09187-2019-000123"])
        #expect(RegistryUpdate.convertLandOwner(parcelID: "09187-12-34", legacyID: try #require(LegacyID("125000033"))).subjects == ["parcel:09187-12-34"])
        #expect(RegistryUpdate.updateLandParcel(parcelID: "09187-12-34", holder: husband, areaSquareMetres: nil, use: nil).subjects == ["parcel:09187-12-34"])
    }
}
