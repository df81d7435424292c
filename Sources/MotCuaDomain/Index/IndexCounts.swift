/// What the platform counted over the dossiers received in a period, for one unit (agency, group of agencies or
/// the province). Each unit is counted by its own query: `onlineProcedures` (distinct procedures) does not add up.
public struct IndexCounts: Sendable, Hashable, Codable {
    /// Dossiers received in the period (withdrawn and refused-at-receipt dossiers left out).
    public var received: Int = 0
    /// Of those, on time so far (2.1).
    public var onTime: Int = 0
    /// Of those, ended (done, returned or stopped) and the hours from receipt to the end, summed (2.2).
    public var ended: Int = 0
    public var endedHours: Double = 0
    /// Received online (3.3).
    public var online: Int = 0
    /// Distinct procedures with at least one online dossier (3.2).
    public var onlineProcedures: Int = 0
    /// Done or returned (denominator of 4.1), and of those with a signed electronic result (4.1).
    public var completed: Int = 0
    public var electronicResults: Int = 0
    /// With digitised component files and a signed electronic result (4.2).
    public var digitised: Int = 0
    /// With at least one component marked reused (4.3).
    public var reused: Int = 0
    /// With a component taken from a national registry or a registry look-up made for the dossier (4.5).
    public var populationData: Int = 0

    public init() {}

    /// Overdue dossiers (received and not on time), for 5.4.
    public var overdue: Int { received - onTime }

    /// The indicator inputs these counts give, with the catalogue's procedures for 3.1 and 3.2.
    public func inputs(procedures: Int, proceduresOnline: Int) -> [String: IndicatorInput] {
        let noPublicationVi = "việc công bố, công khai TTHC do cơ sở dữ liệu quốc gia về TTHC quản lý, nền tảng này không ghi nhận"
        let noPublicationEn = "procedures are announced and published in the national procedures database, which this platform does not record"
        let noComplaintsVi = "nền tảng chưa tiếp nhận phản ánh, kiến nghị"
        let noComplaintsEn = "the platform does not take complaints and petitions yet"
        return [
            "1.1": .noData(reasonVi: noPublicationVi, reasonEn: noPublicationEn),
            "1.2": .noData(reasonVi: noPublicationVi, reasonEn: noPublicationEn),
            "1.3": .noData(reasonVi: noPublicationVi, reasonEn: noPublicationEn),
            "1.4": .notApplicable(reasonVi: "nền tảng chưa đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia", reasonEn: "the platform does not sync dossiers to the National Public Service Portal"),
            "2.1": .rate(numerator: onTime, denominator: received),
            "2.2": .averageHours(totalHours: endedHours, completed: ended),
            "3.1": .rate(numerator: proceduresOnline, denominator: procedures),
            "3.2": .rate(numerator: onlineProcedures, denominator: proceduresOnline),
            "3.3": .rate(numerator: online, denominator: received),
            "3.5": .noData(reasonVi: "nền tảng chưa tích hợp thanh toán trực tuyến", reasonEn: "the platform has no online payment integration"),
            "3.6": .noData(reasonVi: "nền tảng chưa ghi nhận thanh toán trực tuyến", reasonEn: "the platform records no online payments"),
            "4.1": .rate(numerator: electronicResults, denominator: completed),
            "4.2": .rate(numerator: digitised, denominator: received),
            "4.3": .rate(numerator: reused, denominator: received),
            "4.4": .noData(reasonVi: "nền tảng chưa kết nối kho dữ liệu cá nhân trên Cổng quốc gia", reasonEn: "the platform is not connected to the national personal data store"),
            "4.5": .rate(numerator: populationData, denominator: received),
            "5.1": .noData(reasonVi: noComplaintsVi, reasonEn: noComplaintsEn),
            "5.2": .noData(reasonVi: noComplaintsVi, reasonEn: noComplaintsEn),
            "5.3": .noData(reasonVi: noComplaintsVi, reasonEn: noComplaintsEn),
            "5.4": .satisfaction(overdue: overdue, complained: nil, total: received),
        ]
    }
}
