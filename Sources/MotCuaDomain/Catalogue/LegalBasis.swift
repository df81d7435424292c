/// The legal sources of a procedure's time limit and fee, and any counting override a decree sets.
///
/// JSON: `"legalBasis": { "timeLimit": "Law 60/2014/QH13 art. 16(2)", "fee": "Law 60/2014/QH13 art. 11(1)(b)",
/// "afterCutOffCountsFromNextWorkingDay": "Decree 63/2024/NĐ-CP" }`. The catalogue rejects an entry without
/// the first two; a source that is not verified says so in its own text (`[U]`).
public struct LegalBasis: Sendable, Hashable, Codable {
    /// Where the time limit comes from.
    public let timeLimit: String
    /// Where the fee (or the exemption) comes from.
    public let fee: String
    /// The decree that makes receipts after 15:00 count from the next working day, when one does.
    public let afterCutOffCountsFromNextWorkingDay: String?

    public init(timeLimit: String, fee: String, afterCutOffCountsFromNextWorkingDay: String? = nil) {
        self.timeLimit = timeLimit
        self.fee = fee
        self.afterCutOffCountsFromNextWorkingDay = afterCutOffCountsFromNextWorkingDay
    }

    /// The counting options the calendar applies to this procedure.
    public var countingOptions: CountingOptions {
        CountingOptions(afterCutOffCountsFromNextWorkingDay: afterCutOffCountsFromNextWorkingDay)
    }
}
