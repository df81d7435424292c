/// The civil-service exceptions to the Monday–Friday week for one or more years.
///
/// Vietnam's days off are announced each year (the Prime Minister picks the Tết days and may swap a
/// weekday off for a Saturday worked), so they are data, not code: each year is one JSON file, and a
/// later notice (a new holiday such as 24 November, or a correction) is one more file, with a higher
/// `version`, merged on top. Only exceptions are stored: weekdays that are off and weekend days that are worked.
///
/// A year is *official* when a file built from the published notice is loaded, and *provisional* when only
/// the statutory days (Labour Code art. 112, see `StatutoryHolidays`) are known. An official file for a
/// year replaces every provisional entry of that year.
public struct HolidaySchedule: Sendable, Hashable {
    /// Whether a year's entries come from the published notice or only from the statute.
    public enum Status: String, Sendable, Hashable, Codable {
        /// Built from the civil-service notice of the year.
        case official
        /// Only the days the Labour Code fixes in advance; the notice was not available.
        case provisional
    }

    /// One loaded file: which year it describes, how authoritative it is and its place among the year's files.
    public struct FileVersion: Sendable, Hashable {
        public let source: String
        public let year: Int
        public let status: Status
        public let version: Int

        public init(source: String, year: Int, status: Status, version: Int) {
            self.source = source
            self.year = year
            self.status = status
            self.version = version
        }
    }

    /// A weekday on which public offices are closed.
    public struct DayOff: Sendable, Hashable {
        public let date: LocalDate
        public let nameVi: String
        public let nameEn: String
        /// The notice or article this day comes from (required in data files).
        public let source: String?

        public init(date: LocalDate, nameVi: String, nameEn: String, source: String? = nil) {
            self.date = date
            self.nameVi = nameVi
            self.nameEn = nameEn
            self.source = source
        }
    }

    /// A Saturday or Sunday on which public offices work, usually to make up a swapped day off.
    public struct WorkedDay: Sendable, Hashable {
        public let date: LocalDate
        public let nameVi: String
        public let nameEn: String
        /// The day off this Saturday pays back, when the notice says so.
        public let replaces: LocalDate?
        /// The notice this day comes from (required in data files).
        public let source: String?

        public init(date: LocalDate, nameVi: String, nameEn: String, replaces: LocalDate? = nil, source: String? = nil) {
            self.date = date
            self.nameVi = nameVi
            self.nameEn = nameEn
            self.replaces = replaces
            self.source = source
        }
    }

    /// Weekdays off, keyed by date.
    public private(set) var daysOff: [LocalDate: DayOff]
    /// Weekend days worked, keyed by date.
    public private(set) var workedDays: [LocalDate: WorkedDay]
    /// Years whose official notice has been loaded.
    public private(set) var coveredYears: Set<Int>
    /// Years for which only a provisional (statutory) file is loaded.
    public private(set) var provisionalYears: Set<Int>
    /// The files merged into this schedule, in load order.
    public private(set) var versions: [FileVersion]

    /// A schedule with no exceptions and no years.
    public static let empty = HolidaySchedule(uncheckedYears: [], daysOff: [:], workedDays: [:])

    /// Builds and validates a schedule in code, with the same rules as a data file.
    /// - Parameters:
    ///   - status: `.official` unless the entries are statutory days only.
    ///   - source: named in the error if validation fails.
    public init(
        years: Set<Int>, daysOff: [DayOff], workedDays: [WorkedDay], status: Status = .official, source: String = "in-code schedule"
    ) throws {
        let checked = try Self.validated(
            source: source,
            years: years,
            status: status,
            version: 1,
            daysOff: daysOff.map { .init(date: $0.date.description, nameVi: $0.nameVi, nameEn: $0.nameEn, source: $0.source) },
            workedDays: workedDays.map {
                .init(date: $0.date.description, nameVi: $0.nameVi, nameEn: $0.nameEn, replaces: $0.replaces?.description, source: $0.source)
            },
            requireSources: false
        )
        self = checked
    }

    init(
        uncheckedYears years: Set<Int>, daysOff: [LocalDate: DayOff], workedDays: [LocalDate: WorkedDay], status: Status = .official,
        versions: [FileVersion] = []
    ) {
        self.coveredYears = status == .official ? years : []
        self.provisionalYears = status == .provisional ? years : []
        self.daysOff = daysOff
        self.workedDays = workedDays
        self.versions = versions
    }

    /// Whether offices are closed on `date` although it is a weekday.
    public func isDayOff(_ date: LocalDate) -> Bool { daysOff[date] != nil }

    /// Whether offices work on `date` although it is a weekend day.
    public func isWorkedWeekend(_ date: LocalDate) -> Bool { workedDays[date] != nil }

    /// Days off of one year, in date order.
    public func daysOff(in year: Int) -> [DayOff] {
        daysOff.values.filter { $0.date.year == year }.sorted { $0.date < $1.date }
    }

    /// The status of `year`, or `nil` when no file for it is loaded.
    public func status(of year: Int) -> Status? {
        coveredYears.contains(year) ? .official : provisionalYears.contains(year) ? .provisional : nil
    }

    /// Adds the entries and years of `other` to this schedule.
    ///
    /// Both schedules were validated, so they cannot disagree about a date: days off are always weekdays
    /// and worked days always weekends. For a year official in one and provisional in the other, the
    /// official entries replace the provisional ones. Otherwise merging is a union; for a date present in
    /// both, the names of `other` win, so a later notice can restate an entry.
    public func merging(_ other: HolidaySchedule) -> HolidaySchedule {
        var result = self
        var incoming = other
        let supersededHere = result.provisionalYears.intersection(other.coveredYears)
        let supersededThere = other.provisionalYears.intersection(result.coveredYears)
        result.dropEntries(of: supersededHere)
        incoming.dropEntries(of: supersededThere)
        result.daysOff.merge(incoming.daysOff) { _, later in later }
        result.workedDays.merge(incoming.workedDays) { _, later in later }
        result.coveredYears.formUnion(incoming.coveredYears)
        result.provisionalYears.formUnion(incoming.provisionalYears)
        result.provisionalYears.subtract(result.coveredYears)
        result.versions += incoming.versions
        return result
    }

    /// Merges the schedules of several files after checking that no two of them claim the same version
    /// of the same year with the same status (`overlappingVersion`).
    /// Files of a year are applied in version order, so a correction (a higher version) wins.
    public static func combining(_ schedules: [HolidaySchedule]) throws(CalendarDataError) -> HolidaySchedule {
        var seen: [String: FileVersion] = [:]
        for schedule in schedules {
            for version in schedule.versions {
                let key = "\(version.year)/\(version.status.rawValue)/\(version.version)"
                if let earlier = seen[key] {
                    throw CalendarDataError(
                        source: version.source, entry: nil,
                        reason: .overlappingVersion(year: version.year, version: version.version, otherFile: earlier.source))
                }
                seen[key] = version
            }
        }
        // Sorted by version, then by position, so equal versions (different years) keep their load order.
        let ordered = schedules.enumerated().sorted { lhs, rhs in
            let left = lhs.element.versions.map(\.version).max() ?? 0
            let right = rhs.element.versions.map(\.version).max() ?? 0
            return (left, lhs.offset) < (right, rhs.offset)
        }
        return ordered.reduce(HolidaySchedule.empty) { $0.merging($1.element) }
    }

    private mutating func dropEntries(of years: Set<Int>) {
        guard !years.isEmpty else { return }
        daysOff = daysOff.filter { !years.contains($0.key.year) }
        workedDays = workedDays.filter { !years.contains($0.key.year) }
        provisionalYears.subtract(years)
        versions.removeAll { years.contains($0.year) && $0.status == .provisional }
    }
}
