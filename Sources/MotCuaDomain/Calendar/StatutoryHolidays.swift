/// The days off the Labour Code fixes in advance, for a year whose civil-service notice is not available.
///
/// Labour Code 2019 (Law 45/2019/QH14) art. 112(1) lists the holidays; art. 112(3) leaves the Prime Minister
/// to pick four of the five Tết days and the day adjacent to 2 September each year, so those are unknown
/// until the notice and are **not** guessed here. What is certain:
/// - 1 January (art. 112(1)(a));
/// - the lunar New Year's day itself (mùng 1 Tết, art. 112(1)(b)): the five Tết days always contain it;
/// - 30 April and 1 May (art. 112(1)(c), (d));
/// - 2 September (art. 112(1)(đ));
/// - the Hùng Kings' day, 10th day of the 3rd lunar month (art. 112(1)(e)).
///
/// Art. 111(3): a holiday on the weekly rest day is taken on the next working day, so a holiday on a Saturday
/// or Sunday moves to the next weekday not already off. Lunar dates are computed for UTC+7 (`LunarCalendar`).
/// The result is provisional: a promised date that depends on it is marked so until the notice is loaded.
public enum StatutoryHolidays {
    /// The citation every provisional day carries.
    public static let source = "Bộ luật Lao động 2019 điều 112(1), 111(3) / Labour Code 2019 arts. 112(1), 111(3); lunar dates computed for UTC+7 [provisional]"

    /// The statutory weekdays off of `year`, in date order.
    public static func daysOff(in year: Int) -> [HolidaySchedule.DayOff] {
        let fixed: [(LocalDate, String, String)] = [
            (LocalDate(year: year, month: 1, day: 1)!, "Tết Dương lịch", "New Year's Day"),
            (LunarCalendar.tet(year), "Tết Nguyên đán (mùng 1 Tết)", "Lunar New Year's day (Tết)"),
            (LunarCalendar.hungKings(year), "Giỗ Tổ Hùng Vương (10/3 âm lịch)", "Hùng Kings' Commemoration Day (10/3 lunar)"),
            (LocalDate(year: year, month: 4, day: 30)!, "Ngày Chiến thắng (30/4)", "Reunification Day (30 April)"),
            (LocalDate(year: year, month: 5, day: 1)!, "Ngày Quốc tế Lao động (1/5)", "International Labour Day (1 May)"),
            (LocalDate(year: year, month: 9, day: 2)!, "Quốc khánh (2/9)", "National Day (2 September)"),
        ].sorted { $0.0 < $1.0 }
        let holidayDates = Set(fixed.map(\.0))
        var result: [LocalDate: HolidaySchedule.DayOff] = [:]
        for (date, nameVi, nameEn) in fixed {
            if !date.isWeekend {
                result[date] = .init(date: date, nameVi: nameVi, nameEn: nameEn, source: source)
                continue
            }
            // Art. 111(3): the next weekday that is neither a holiday itself nor already a make-up day.
            var makeUp = date.adding(days: 1)
            while makeUp.isWeekend || holidayDates.contains(makeUp) || result[makeUp] != nil { makeUp = makeUp.adding(days: 1) }
            result[makeUp] = .init(
                date: makeUp, nameVi: "Nghỉ bù \(nameVi) (trùng ngày nghỉ hằng tuần)",
                nameEn: "Make-up day for \(nameEn) (falls on the weekly rest day)", source: source)
        }
        return result.values.filter { $0.date.year == year }.sorted { $0.date < $1.date }
    }

    /// The statutory days of `year` as a provisional schedule.
    public static func schedule(for year: Int) -> HolidaySchedule {
        HolidaySchedule(
            uncheckedYears: [year], daysOff: Dictionary(uniqueKeysWithValues: daysOff(in: year).map { ($0.date, $0) }), workedDays: [:],
            status: .provisional,
            versions: [.init(source: "Labour Code art. 112 (computed)", year: year, status: .provisional, version: 1)])
    }
}
