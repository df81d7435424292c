/// How a time limit is counted, one rule per unit, each chosen from the law and cited.
///
/// - `same_day`: done the day of receipt when received on a working day before the 15:00 cut-off, otherwise
///   by closing time of the next working day (procedure texts "sau 15 giờ … trả kết quả trong ngày làm việc
///   tiếp theo"; Decree 23/2015/NĐ-CP art. 7; shared/reference/domain.md §5.5).
/// - `working_days`: Civil Code 2015 art. 147(2): a period counted in days does not count the day of the event
///   (receipt) and starts on the next day; art. 148(1): it ends at the end of its last day. Only working days
///   count (the unit says so); the promised moment is the closing time (17:00) of the n-th working day after
///   the day of receipt, because results are handed over in office hours.
/// - `working_hours`: art. 147(1): a period in hours starts at the moment of the event, so n × 60 office
///   minutes are counted from the moment of receipt.
/// - `calendar_days` ("ngày"): arts. 147(2) and 148(1) as above with every day counted; art. 148(5): when the
///   last day is a weekly rest day or a holiday, the period ends at the end of the next working day.
///
/// A procedure may add an override a decree sets (`CountingOptions`).
public enum CountingRule {
    public static let sameDaySource =
        "Nghị định 23/2015/NĐ-CP điều 7; thủ tục hộ tịch: nhận sau 15 giờ trả trong ngày làm việc tiếp theo / "
        + "Decree 23/2015 art. 7; civil-status procedure texts: received after 15:00, returned the next working day"
    public static let daysStartSource = "Bộ luật Dân sự 2015 điều 147(2) / Civil Code 2015 art. 147(2)"
    public static let daysEndSource = "Bộ luật Dân sự 2015 điều 148(1) / Civil Code 2015 art. 148(1)"
    public static let hoursSource = "Bộ luật Dân sự 2015 điều 147(1) / Civil Code 2015 art. 147(1)"
    public static let lastDayOffSource = "Bộ luật Dân sự 2015 điều 148(5) / Civil Code 2015 art. 148(5)"
}

/// Departures from `CountingRule` that a decree sets for a particular procedure.
public struct CountingOptions: Sendable, Hashable, Codable {
    /// When set, a dossier received at or after the cut-off (15:00) on a working day counts as received on
    /// the next working day. The value cites the decree (e.g. Decree 63/2024/NĐ-CP for the linked bundle).
    public var afterCutOffCountsFromNextWorkingDay: String?

    public init(afterCutOffCountsFromNextWorkingDay: String? = nil) {
        self.afterCutOffCountsFromNextWorkingDay = afterCutOffCountsFromNextWorkingDay
    }

    /// The default rules only.
    public static let standard = CountingOptions()
}
