/// Why a holiday-schedule data file was rejected.
///
/// The description names the file, the entry (list, index and date as written) and the reason, so an
/// operator can fix the file without reading code. Messages are in English: they are for operators.
public struct CalendarDataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which entry of the file is at fault.
    public struct Entry: Sendable, Hashable, CustomStringConvertible {
        /// The JSON list holding the entry: `daysOff` or `workedDays`.
        public let list: String
        /// Position of the entry in its list, from 0.
        public let index: Int
        /// The date exactly as written in the file, when it could be read.
        public let date: String?

        public var description: String {
            "\(list)[\(index)]" + (date.map { " (\($0))" } ?? "")
        }
    }

    /// What is wrong.
    public enum Reason: Sendable, Hashable, CustomStringConvertible {
        /// The JSON does not have the expected shape; `path` is the decoding path.
        case malformed(path: String, detail: String)
        /// The file's `year` is not a four-digit year.
        case invalidYear(Int)
        /// The date is not an existing `yyyy-MM-dd` date.
        case invalidDate
        /// The date is not in the year the file declares.
        case outsideYear(declared: Int)
        /// A day off that falls on a weekend changes no deadline, so it is a data mistake.
        case dayOffOnWeekend
        /// A worked day must be a Saturday or Sunday; weekdays are worked anyway.
        case workedDayNotWeekend
        /// The same date appears twice in the same list.
        case duplicate
        /// The same date is listed both as a day off and as a worked day.
        case bothOffAndWorked
        /// A worked day says it replaces a date that is not listed as a day off.
        case replacesUnknownDay(String)
        /// A name is missing or blank.
        case emptyName(field: String)
        /// A name is not in Unicode NFC, so byte comparisons and exports would differ.
        case notNFC(field: String)
        /// A field the format does not define (often a misspelling that would silently drop data).
        case unknownField(String)
        /// The file or an entry does not say which notice or article it comes from.
        case missingSource
        /// The file's `version` is not a positive number.
        case invalidVersion(Int)
        /// Another file already claims this version of this year.
        case overlappingVersion(year: Int, version: Int, otherFile: String)
        /// A worked weekend day does not say which weekday off it pays back.
        case swapWithoutDayOff

        public var description: String {
            switch self {
            case .malformed(let path, let detail): "malformed JSON at \(path): \(detail)"
            case .invalidYear(let year): "year \(year) is not a four-digit year"
            case .invalidDate: "not an existing date in the form yyyy-MM-dd"
            case .outsideYear(let declared): "date is not in the file's year \(declared)"
            case .dayOffOnWeekend: "a day off on a Saturday or Sunday changes nothing; list the weekday make-up day instead"
            case .workedDayNotWeekend: "a worked (swapped) day must be a Saturday or Sunday"
            case .duplicate: "date listed twice"
            case .bothOffAndWorked: "date listed both as a day off and as a worked day"
            case .replacesUnknownDay(let date): "replaces \(date), which is not listed as a day off"
            case .emptyName(let field): "\(field) is missing or empty"
            case .notNFC(let field): "\(field) is not in Unicode NFC"
            case .unknownField(let field): "unknown field '\(field)'"
            case .missingSource: "source is missing or empty; cite the notice or article"
            case .invalidVersion(let version): "version \(version) must be 1 or more"
            case .overlappingVersion(let year, let version, let other):
                "version \(version) of \(year) is also declared by \(other); give each notice of a year its own version"
            case .swapWithoutDayOff: "a worked (swapped) day must name the weekday off it replaces in 'replaces'"
            }
        }
    }

    /// The file or other source that was being read.
    public let source: String
    /// The faulty entry, or `nil` for a problem with the file as a whole.
    public let entry: Entry?
    public let reason: Reason

    public init(source: String, entry: Entry?, reason: Reason) {
        self.source = source
        self.entry = entry
        self.reason = reason
    }

    public var description: String {
        "\(source): " + (entry.map { "\($0): " } ?? "") + reason.description
    }
}
