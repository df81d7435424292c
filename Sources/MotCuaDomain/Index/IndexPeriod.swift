import Foundation

/// The period an index is computed for: a month, a quarter, a year or custom dates, in Vietnam time (UTC+7,
/// no daylight saving). `start` is inclusive and `end` exclusive.
public struct IndexPeriod: Sendable, Hashable {
    public let start: Date
    public let end: Date
    /// As asked: "2026-11", "2026-Q4", "2026" or "2026-01-15..2026-02-14".
    public let label: String

    /// Vietnam's clock, fixed at UTC+7.
    public static let vietnamTime = TimeZone(secondsFromGMT: 7 * 3600)!
    /// Longest period accepted (five years).
    public static let maximumYears = 5

    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = vietnamTime
        return calendar
    }

    /// Parses `period` (month "YYYY-MM", quarter "YYYY-Qn", year "YYYY") or `from`/`to` dates ("YYYY-MM-DD", both
    /// inclusive). Exactly one of the two forms; with neither, the month containing `now`.
    public static func parse(period: String?, from: String?, to: String?, now: Date) throws(IndexPeriodError) -> IndexPeriod {
        if period != nil, from != nil || to != nil { throw .conflicting }
        if from != nil || to != nil {
            guard let fromText = from else { throw .missing(field: "from") }
            guard let toText = to else { throw .missing(field: "to") }
            guard let first = day(fromText) else { throw .badDate(field: "from", value: fromText) }
            guard let last = day(toText) else { throw .badDate(field: "to", value: toText) }
            guard last >= first else { throw .endBeforeStart }
            let end = calendar.date(byAdding: .day, value: 1, to: last)!
            try checkSpan(first, end)
            return IndexPeriod(start: first, end: end, label: "\(fromText)..\(toText)")
        }
        guard let period else {
            let parts = calendar.dateComponents([.year, .month], from: now)
            let start = calendar.date(from: DateComponents(year: parts.year, month: parts.month, day: 1))!
            return IndexPeriod(start: start, end: calendar.date(byAdding: .month, value: 1, to: start)!, label: String(format: "%04d-%02d", parts.year!, parts.month!))
        }
        let pieces = period.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let year = pieces.first.flatMap(number), (1900...9999).contains(year), pieces[0].count == 4 else {
            throw .badPeriod(value: period)
        }
        switch pieces.count {
        case 1:
            let start = calendar.date(from: DateComponents(year: year, month: 1, day: 1))!
            return IndexPeriod(start: start, end: calendar.date(byAdding: .year, value: 1, to: start)!, label: period)
        case 2 where pieces[1].count == 2 && pieces[1].first == "Q":
            guard let quarter = number(String(pieces[1].dropFirst())), (1...4).contains(quarter) else { throw .badPeriod(value: period) }
            let start = calendar.date(from: DateComponents(year: year, month: (quarter - 1) * 3 + 1, day: 1))!
            return IndexPeriod(start: start, end: calendar.date(byAdding: .month, value: 3, to: start)!, label: period)
        case 2 where pieces[1].count == 2:
            guard let month = number(pieces[1]), (1...12).contains(month) else { throw .badPeriod(value: period) }
            let start = calendar.date(from: DateComponents(year: year, month: month, day: 1))!
            return IndexPeriod(start: start, end: calendar.date(byAdding: .month, value: 1, to: start)!, label: period)
        default:
            throw .badPeriod(value: period)
        }
    }

    /// The twelve calendar months ending with the one containing `now`, oldest first.
    public static func lastTwelveMonths(endingAt now: Date) -> [IndexPeriod] {
        let parts = calendar.dateComponents([.year, .month], from: now)
        let current = calendar.date(from: DateComponents(year: parts.year, month: parts.month, day: 1))!
        return (0..<12).reversed().map { back in
            let start = calendar.date(byAdding: .month, value: -back, to: current)!
            let month = calendar.dateComponents([.year, .month], from: start)
            return IndexPeriod(start: start, end: calendar.date(byAdding: .month, value: 1, to: start)!, label: String(format: "%04d-%02d", month.year!, month.month!))
        }
    }

    public init(start: Date, end: Date, label: String) {
        self.start = start
        self.end = end
        self.label = label
    }

    private static func checkSpan(_ start: Date, _ end: Date) throws(IndexPeriodError) {
        guard let limit = calendar.date(byAdding: .year, value: maximumYears, to: start), end <= limit else { throw .tooLong }
    }

    private static func number(_ text: String) -> Int? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    /// A strict "YYYY-MM-DD" that names a real day, at 00:00 Vietnam time.
    private static func day(_ text: String) -> Date? {
        let pieces = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard pieces.count == 3, pieces[0].count == 4, pieces[1].count == 2, pieces[2].count == 2,
            let year = number(pieces[0]), let month = number(pieces[1]), let day = number(pieces[2]), year >= 1900
        else { return nil }
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else { return nil }
        return date
    }
}

/// Why a requested period was refused; each names the query field at fault.
public enum IndexPeriodError: Error, Sendable, Equatable {
    case badPeriod(value: String)
    case badDate(field: String, value: String)
    case missing(field: String)
    case conflicting
    case endBeforeStart
    case tooLong

    /// The query field the caller must correct.
    public var field: String {
        switch self {
        case .badPeriod, .conflicting: "period"
        case .badDate(let field, _), .missing(let field): field
        case .endBeforeStart, .tooLong: "to"
        }
    }

    public var messageVi: String {
        switch self {
        case .badPeriod: "kỳ phải có dạng YYYY-MM, YYYY-Qn hoặc YYYY"
        case .badDate(let field, _): "\(field) phải là ngày có thật dạng YYYY-MM-DD"
        case .missing(let field): "thiếu \(field): from và to phải đi cùng nhau"
        case .conflicting: "chỉ dùng period hoặc from/to, không dùng cả hai"
        case .endBeforeStart: "to trước from"
        case .tooLong: "kỳ dài quá \(IndexPeriod.maximumYears) năm"
        }
    }

    public var messageEn: String {
        switch self {
        case .badPeriod: "period must be YYYY-MM, YYYY-Qn or YYYY"
        case .badDate(let field, _): "\(field) must be a real date as YYYY-MM-DD"
        case .missing(let field): "\(field) is missing: from and to go together"
        case .conflicting: "use either period or from/to, not both"
        case .endBeforeStart: "to is before from"
        case .tooLong: "the period spans more than \(IndexPeriod.maximumYears) years"
        }
    }
}
