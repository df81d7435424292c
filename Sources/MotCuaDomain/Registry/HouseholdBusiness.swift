
/// A registered household business (hộ kinh doanh).
public struct HouseholdBusiness: Sendable, Hashable, Codable {
    /// `<commune code>-HKD-<sequence>`. [U] Real registration numbers follow a provincial scheme that was not
    /// researched; this form is unique and says where the business is registered.
    public var businessCode: String
    /// Trading name, e.g. "Tạp hóa Hương".
    public var name: String
    /// Line of business, e.g. "Bán lẻ tạp hóa".
    public var trade: String
    public var ownerID: CitizenID
    public var communeCode: String
    public var registeredOn: LocalDate

    public init(
        businessCode: String, name: String, trade: String, ownerID: CitizenID, communeCode: String, registeredOn: LocalDate
    ) {
        self.businessCode = businessCode
        self.name = name
        self.trade = trade
        self.ownerID = ownerID
        self.communeCode = communeCode
        self.registeredOn = registeredOn
    }
}
