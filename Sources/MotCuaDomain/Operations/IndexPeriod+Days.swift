import Foundation

extension IndexPeriod {
    /// 00:00 Vietnam time of the day containing `date`.
    public static func startOfDay(_ date: Date) -> Date {
        calendar.startOfDay(for: date)
    }

    /// The calendar month containing `date`, labelled "YYYY-MM".
    public static func month(containing date: Date) -> IndexPeriod {
        let parts = calendar.dateComponents([.year, .month], from: date)
        let start = calendar.date(from: DateComponents(year: parts.year, month: parts.month, day: 1))!
        return IndexPeriod(start: start, end: calendar.date(byAdding: .month, value: 1, to: start)!, label: String(format: "%04d-%02d", parts.year!, parts.month!))
    }

    /// "30/11" for the day containing `date`, Vietnam time.
    public static func dayLabel(_ date: Date) -> String {
        let parts = calendar.dateComponents([.month, .day], from: date)
        return String(format: "%02d/%02d", parts.day!, parts.month!)
    }
}
