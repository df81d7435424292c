import Foundation

/// Working days and office hours of the provincial civil service, and the deadlines computed from them.
///
/// All local times are in Vietnam time, a fixed UTC+7 with no daylight saving, so the calendar does its own
/// arithmetic instead of depending on the host's time-zone database. Instants are handled to the
/// millisecond, which keeps every computation exact (no floating-point drift between calls).
public struct WorkingCalendar: Sendable {
    /// Vietnam time: UTC+7 all year round.
    public static let timeZone = TimeZone(secondsFromGMT: utcOffsetSeconds)!

    static let utcOffsetSeconds = 7 * 3600
    static let millisecondsPerMinute = 60_000
    static let millisecondsPerDay = 86_400_000

    /// The announced days off and worked weekends.
    public let schedule: HolidaySchedule
    /// The office sessions of a working day.
    public let hours: OfficeHours
    /// Same-day cut-off, in minutes after midnight: dossiers received at or after it are due the next working day.
    public let sameDayCutOffMinute: Int
    /// Statutory days off of the years 1990–2100 that no file describes (`StatutoryHolidays`), so a date in a
    /// year without a published calendar is never silently a working day.
    let statutoryDaysOff: [LocalDate: HolidaySchedule.DayOff]
    static let precomputedYears = 1990...2100

    /// - Parameters:
    ///   - schedule: the merged holiday schedules of the years in use.
    ///   - hours: office sessions; `.standard` is 07:30–11:30 and 13:00–17:00.
    ///   - sameDayCutOff: local time after which a same-day dossier moves to the next working day (15:00 by law).
    public init(schedule: HolidaySchedule, hours: OfficeHours = .standard, sameDayCutOff: (hour: Int, minute: Int) = (15, 0)) {
        self.schedule = schedule
        self.hours = hours
        self.sameDayCutOffMinute = sameDayCutOff.hour * 60 + sameDayCutOff.minute
        var statutory: [LocalDate: HolidaySchedule.DayOff] = [:]
        for year in Self.precomputedYears where schedule.status(of: year) == nil {
            for day in StatutoryHolidays.daysOff(in: year) { statutory[day.date] = day }
        }
        self.statutoryDaysOff = statutory
    }

    /// The local (UTC+7) calendar day of an instant.
    public func localDate(of instant: Date) -> LocalDate {
        LocalDate(daysSinceEpoch: Position(instant).day)
    }

    /// Whether public offices work on `date`: Monday–Friday unless announced as a day off, and
    /// Saturday or Sunday only when announced as a worked (swapped) day.
    /// In a year no file describes, the statutory days off (`StatutoryHolidays`) are closed too.
    public func isWorkingDay(_ date: LocalDate) -> Bool {
        if date.isWeekend { return schedule.isWorkedWeekend(date) }
        return dayOff(date) == nil
    }

    /// The day off that closes offices on weekday `date`, from the loaded files or, for a year no file
    /// describes, from the statute; `nil` on a working weekday or a weekend.
    public func dayOff(_ date: LocalDate) -> HolidaySchedule.DayOff? {
        if let listed = schedule.daysOff[date] { return listed }
        guard schedule.status(of: date.year) == nil else { return nil }
        if Self.precomputedYears.contains(date.year) { return statutoryDaysOff[date] }
        return StatutoryHolidays.daysOff(in: date.year).first { $0.date == date }
    }

    /// Whether the official schedule of `date`'s year is loaded.
    public func isCovered(_ date: LocalDate) -> Bool {
        schedule.coveredYears.contains(date.year)
    }

    /// Whether `year`'s days off come from its published notice (`.official`) or only from the statute.
    public func status(of year: Int) -> HolidaySchedule.Status {
        schedule.status(of: year) ?? .provisional
    }

    /// `yyyy-MM-dd HH:mm` in Vietnam time, for messages and printed forms.
    public static func localTimestamp(_ instant: Date) -> String {
        let position = Position(instant)
        let minutes = position.millisecond / millisecondsPerMinute
        let date = LocalDate(daysSinceEpoch: position.day)
        // Digits by hand: `String(format:)` goes through Foundation's formatter, and every receipt's deadline
        // explanation calls this for each step.
        let hour = minutes / 60, minute = minutes % 60
        return "\(date) \(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
    }

    /// The first working day strictly after `date`.
    public func nextWorkingDay(after date: LocalDate) -> LocalDate {
        var candidate = date.adding(days: 1)
        while !isWorkingDay(candidate) { candidate = candidate.adding(days: 1) }
        return candidate
    }

    /// The last working day strictly before `date`.
    public func previousWorkingDay(before date: LocalDate) -> LocalDate {
        var candidate = date.adding(days: -1)
        while !isWorkingDay(candidate) { candidate = candidate.adding(days: -1) }
        return candidate
    }

    /// The date `n` working days after `date` (before it when `n` is negative; `date` itself when `n` is 0).
    ///
    /// Exactly `n` working days lie in the half-open range (date, result].
    ///
    /// Computed arithmetically: the work is bounded by the number of announced exceptions in the span, not by
    /// `n`, so a large `n` from a request cannot keep a core busy.
    public func addingWorkingDays(_ n: Int, to date: LocalDate) -> LocalDate {
        guard n != 0 else { return date }
        if n < 0 { return subtractingWorkingDaysArithmetically(-n, from: date) }
        // Estimate with five working days a week, then correct for the exceptions in the span; each
        // correction step moves one day, and there are at most a few per announced exception.
        var result = date.adding(days: (n / 5) * 7)
        var count = workingDays(after: date, through: result)
        while count < n {
            result = result.adding(days: 1)
            if isWorkingDay(result) { count += 1 }
        }
        while count > n || !isWorkingDay(result) {
            if isWorkingDay(result) { count -= 1 }
            result = result.adding(days: -1)
        }
        return result
    }

    /// The working day `n` (> 0) working days before `date`: exactly `n` working days lie in [result, date).
    private func subtractingWorkingDaysArithmetically(_ n: Int, from date: LocalDate) -> LocalDate {
        var result = date.adding(days: -(n / 5) * 7)
        // Working days in [result, date) = working days in (result - 1, date - 1].
        var count = workingDays(after: result.adding(days: -1), through: date.adding(days: -1))
        while count < n {
            result = result.adding(days: -1)
            if isWorkingDay(result) { count += 1 }
        }
        while count > n || !isWorkingDay(result) {
            if isWorkingDay(result) { count -= 1 }
            result = result.adding(days: 1)
        }
        return result
    }

    /// The number of working days in the half-open range (`start`, `end`], without visiting each day:
    /// weekdays by arithmetic, minus weekday closures (per year: its notice, else the statute), plus announced
    /// worked weekends. The work grows with the number of years spanned, not days.
    public func workingDays(after start: LocalDate, through end: LocalDate) -> Int {
        guard start < end else { return 0 }
        let span = end.daysSinceEpoch - start.daysSinceEpoch
        var weekdays = (span / 7) * 5
        var day = start.adding(days: (span / 7) * 7)
        while day < end {
            day = day.adding(days: 1)
            if !day.isWeekend { weekdays += 1 }
        }
        // Weekday closures year by year: a loaded notice, or the statute for a year no notice describes (as `dayOff`).
        var closed = 0
        for year in start.year...end.year {
            let days = schedule.status(of: year) != nil ? schedule.daysOff(in: year).map(\.date) : StatutoryHolidays.daysOff(in: year).map(\.date)
            closed += days.count(where: { start < $0 && $0 <= end && !$0.isWeekend })
        }
        let worked = schedule.workedDays.keys.count(where: { start < $0 && $0 <= end && $0.isWeekend })
        return weekdays - closed + worked
    }

    /// The instant of local time `minute` (minutes after midnight, UTC+7) on `date`.
    public func instant(on date: LocalDate, atMinute minute: Int) -> Date {
        Position(day: date.daysSinceEpoch, millisecond: minute * Self.millisecondsPerMinute).date
    }

    /// Whether `instant` lies within a session (end minute included) of a working day.
    public func isInsideOfficeHours(_ instant: Date) -> Bool {
        let position = Position(instant)
        guard isWorkingDay(LocalDate(daysSinceEpoch: position.day)) else { return false }
        return hours.sessions.contains { session in
            (session.start * Self.millisecondsPerMinute...session.end * Self.millisecondsPerMinute).contains(position.millisecond)
        }
    }

    /// An instant split into its local day number and millisecond of that day.
    struct Position: Comparable {
        var day: Int
        var millisecond: Int

        init(day: Int, millisecond: Int) {
            self.day = day
            self.millisecond = millisecond
        }

        init(_ instant: Date) {
            let local = Int((instant.timeIntervalSince1970 * 1000).rounded()) + WorkingCalendar.utcOffsetSeconds * 1000
            // Floor division, so instants before 1970 still land on the right day.
            var day = local / WorkingCalendar.millisecondsPerDay
            if local < day * WorkingCalendar.millisecondsPerDay { day -= 1 }
            self.day = day
            self.millisecond = local - day * WorkingCalendar.millisecondsPerDay
        }

        var date: Date {
            let utc = day * WorkingCalendar.millisecondsPerDay + millisecond - WorkingCalendar.utcOffsetSeconds * 1000
            return Date(timeIntervalSince1970: Double(utc) / 1000)
        }

        static func < (lhs: Position, rhs: Position) -> Bool {
            (lhs.day, lhs.millisecond) < (rhs.day, rhs.millisecond)
        }
    }

    func isWorkingDay(dayNumber: Int) -> Bool {
        isWorkingDay(LocalDate(daysSinceEpoch: dayNumber))
    }
}
