import Foundation

/// The Vietnamese lunisolar calendar, computed for Vietnam's time zone (UTC+7).
///
/// Foundation's `.chinese` calendar reproduces the China (UTC+8) calendar whatever time zone it is given,
/// and differs from the Vietnamese one in some months (for example Tết 2030: 2 Feb in Vietnam, 3 Feb in
/// China; shared/reference/domain.md §5.3). This is the public Hồ Ngọc Đức algorithm (astronomical new
/// moons and solar terms after Jean Meeus, "Astronomical Algorithms", 1998), evaluated at UTC+7: a lunar
/// month starts on the local day of the new moon, month 11 is the one containing the winter solstice, and
/// in a year with 13 months the first month without a major solar term is the leap month.
public enum LunarCalendar {
    /// Vietnam's offset from UTC, in hours.
    public static let vietnamTimeZone = 7.0

    /// The solar date of a lunar date (`leap` selects the leap month of that number, when the year has one).
    /// - Returns: `nil` when the lunar date does not exist (a leap month the year does not have, day > 30).
    public static func solarDate(lunarDay: Int, lunarMonth: Int, lunarYear: Int, leap: Bool = false, timeZone: Double = vietnamTimeZone)
        -> LocalDate?
    {
        guard (1...30).contains(lunarDay), (1...12).contains(lunarMonth) else { return nil }
        let a11: Int
        let b11: Int
        if lunarMonth < 11 {
            a11 = lunarMonth11(year: lunarYear - 1, timeZone: timeZone)
            b11 = lunarMonth11(year: lunarYear, timeZone: timeZone)
        } else {
            a11 = lunarMonth11(year: lunarYear, timeZone: timeZone)
            b11 = lunarMonth11(year: lunarYear + 1, timeZone: timeZone)
        }
        let k = Int(floor(0.5 + (Double(a11) - 2_415_021.076998695) / synodicMonth))
        var offset = lunarMonth - 11
        if offset < 0 { offset += 12 }
        if b11 - a11 > 365 {
            let leapOffset = leapMonthOffset(a11: a11, timeZone: timeZone)
            var leapMonth = leapOffset - 2
            if leapMonth < 0 { leapMonth += 12 }
            if leap && lunarMonth != leapMonth { return nil }
            if leap || offset >= leapOffset { offset += 1 }
        } else if leap {
            return nil
        }
        let monthStart = newMoonDay(k + offset, timeZone: timeZone)
        let nextMonthStart = newMoonDay(k + offset + 1, timeZone: timeZone)
        guard monthStart + lunarDay - 1 < nextMonthStart else { return nil }
        return LocalDate(daysSinceEpoch: monthStart + lunarDay - 1 - julianDayOfEpoch)
    }

    /// Lunar New Year's day (mùng 1 Tết) of the lunar year that begins in solar year `year`.
    public static func tet(_ year: Int) -> LocalDate {
        // Month 1 day 1 always exists.
        solarDate(lunarDay: 1, lunarMonth: 1, lunarYear: year)!
    }

    /// The Hùng Kings' Commemoration Day (10th day of the 3rd lunar month) in solar year `year`.
    public static func hungKings(_ year: Int) -> LocalDate {
        solarDate(lunarDay: 10, lunarMonth: 3, lunarYear: year)!
    }

    // MARK: - Astronomy

    static let synodicMonth = 29.530588853
    /// Julian day number of 1970-01-01.
    static let julianDayOfEpoch = 2_440_588

    static func julianDay(_ date: LocalDate) -> Int { date.daysSinceEpoch + julianDayOfEpoch }

    /// The Julian day (fractional, UT) of the `k`-th new moon after the one of 1 January 1900.
    static func newMoon(_ k: Int) -> Double {
        let k = Double(k)
        let t = k / 1236.85
        let t2 = t * t
        let t3 = t2 * t
        let dr = Double.pi / 180
        var jd1 = 2_415_020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
        jd1 += 0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
        let m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
        let mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
        let f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
        var c1 = (0.1734 - 0.000393 * t) * sin(m * dr) + 0.0021 * sin(2 * dr * m)
        c1 = c1 - 0.4068 * sin(mpr * dr) + 0.0161 * sin(dr * 2 * mpr)
        c1 = c1 - 0.0004 * sin(dr * 3 * mpr)
        c1 = c1 + 0.0104 * sin(dr * 2 * f) - 0.0051 * sin(dr * (m + mpr))
        c1 = c1 - 0.0074 * sin(dr * (m - mpr)) + 0.0004 * sin(dr * (2 * f + m))
        c1 = c1 - 0.0004 * sin(dr * (2 * f - m)) - 0.0006 * sin(dr * (2 * f + mpr))
        c1 = c1 + 0.0010 * sin(dr * (2 * f - mpr)) + 0.0005 * sin(dr * (2 * mpr + m))
        let deltaT =
            t < -11
            ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            : -0.000278 + 0.000265 * t + 0.000262 * t2
        return jd1 + c1 - deltaT
    }

    /// The local Julian day number on which the `k`-th new moon falls.
    static func newMoonDay(_ k: Int, timeZone: Double) -> Int {
        Int(floor(newMoon(k) + 0.5 + timeZone / 24))
    }

    /// The sun's apparent longitude in radians, in [0, 2π), at Julian day `jdn` (UT).
    static func sunLongitude(_ jdn: Double) -> Double {
        let t = (jdn - 2_451_545.0) / 36525
        let t2 = t * t
        let dr = Double.pi / 180
        let m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
        let l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
        var dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(dr * m)
        dl += (0.019993 - 0.000101 * t) * sin(dr * 2 * m) + 0.000290 * sin(dr * 3 * m)
        var l = (l0 + dl) * dr
        l -= Double.pi * 2 * floor(l / (Double.pi * 2))
        return l
    }

    /// The major solar term (0–11) in force at the start of local day `dayNumber`.
    static func solarTerm(_ dayNumber: Int, timeZone: Double) -> Int {
        Int(floor(sunLongitude(Double(dayNumber) - 0.5 - timeZone / 24) / Double.pi * 6))
    }

    /// The local Julian day on which lunar month 11 (the month of the winter solstice) of `year` starts.
    static func lunarMonth11(year: Int, timeZone: Double) -> Int {
        let off = Double(julianDay(LocalDate(year: year, month: 12, day: 31)!) - 2_415_021)
        let k = Int(floor(off / synodicMonth))
        var nm = newMoonDay(k, timeZone: timeZone)
        if solarTerm(nm, timeZone: timeZone) >= 9 { nm = newMoonDay(k - 1, timeZone: timeZone) }
        return nm
    }

    /// Position (from month 11) of the leap month in a 13-month year starting at `a11`.
    static func leapMonthOffset(a11: Int, timeZone: Double) -> Int {
        let k = Int(floor((Double(a11) - 2_415_021.076998695) / synodicMonth + 0.5))
        var index = 1
        var arc = solarTerm(newMoonDay(k + index, timeZone: timeZone), timeZone: timeZone)
        var last = 0
        repeat {
            last = arc
            index += 1
            arc = solarTerm(newMoonDay(k + index, timeZone: timeZone), timeZone: timeZone)
        } while arc != last && index < 14
        return index - 1
    }
}
