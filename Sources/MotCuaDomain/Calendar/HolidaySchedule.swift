/// The civil-service exceptions to the Monday–Friday week for one or more years.
///
/// Vietnam's days off are announced each year (the Prime Minister picks the Tết days and may swap a
/// weekday off for a Saturday worked), so they are data, not code: each year is one JSON file, and a
/// later notice (a new holiday such as 24 November, or a correction) is one more file merged on top.
/// Only exceptions are stored: weekdays that are off and weekend days that are worked.
public struct HolidaySchedule: Sendable, Hashable {
    /// A weekday on which public offices are closed.
    public struct DayOff: Sendable, Hashable {
        public let date: LocalDate
        public let nameVi: String
        public let nameEn: String

        public init(date: LocalDate, nameVi: String, nameEn: String) {
            self.date = date
            self.nameVi = nameVi
            self.nameEn = nameEn
        }
    }

    /// A Saturday or Sunday on which public offices work, usually to make up a swapped day off.
    public struct WorkedDay: Sendable, Hashable {
        public let date: LocalDate
        public let nameVi: String
        public let nameEn: String
        /// The day off this Saturday pays back, when the notice says so.
        public let replaces: LocalDate?

        public init(date: LocalDate, nameVi: String, nameEn: String, replaces: LocalDate? = nil) {
            self.date = date
            self.nameVi = nameVi
            self.nameEn = nameEn
            self.replaces = replaces
        }
    }

    /// Weekdays off, keyed by date.
    public private(set) var daysOff: [LocalDate: DayOff]
    /// Weekend days worked, keyed by date.
    public private(set) var workedDays: [LocalDate: WorkedDay]
    /// Years whose official notice has been loaded. Outside them only weekends are known.
    public private(set) var coveredYears: Set<Int>

    /// A schedule with no exceptions: every Monday–Friday is worked.
    public static let empty = HolidaySchedule(uncheckedYears: [], daysOff: [:], workedDays: [:])

    /// Builds and validates a schedule in code, with the same rules as a data file.
    /// - Parameter source: named in the error if validation fails.
    public init(years: Set<Int>, daysOff: [DayOff], workedDays: [WorkedDay], source: String = "in-code schedule") throws {
        let checked = try Self.validated(
            source: source,
            years: years,
            daysOff: daysOff.map { ($0.date.description, $0.nameVi, $0.nameEn) },
            workedDays: workedDays.map { ($0.date.description, $0.nameVi, $0.nameEn, $0.replaces?.description) }
        )
        self = checked
    }

    init(uncheckedYears years: Set<Int>, daysOff: [LocalDate: DayOff], workedDays: [LocalDate: WorkedDay]) {
        self.coveredYears = years
        self.daysOff = daysOff
        self.workedDays = workedDays
    }

    /// Whether offices are closed on `date` although it is a weekday.
    public func isDayOff(_ date: LocalDate) -> Bool { daysOff[date] != nil }

    /// Whether offices work on `date` although it is a weekend day.
    public func isWorkedWeekend(_ date: LocalDate) -> Bool { workedDays[date] != nil }

    /// Days off of one year, in date order.
    public func daysOff(in year: Int) -> [DayOff] {
        daysOff.values.filter { $0.date.year == year }.sorted { $0.date < $1.date }
    }

    /// Adds the entries and years of `other` to this schedule.
    ///
    /// Both schedules were validated, so they cannot disagree about a date: days off are always weekdays
    /// and worked days always weekends. Merging is therefore a union; for a date present in both, the
    /// names of `other` win, so a later notice can restate an entry.
    public func merging(_ other: HolidaySchedule) -> HolidaySchedule {
        var result = self
        result.daysOff.merge(other.daysOff) { _, later in later }
        result.workedDays.merge(other.workedDays) { _, later in later }
        result.coveredYears.formUnion(other.coveredYears)
        return result
    }
}
