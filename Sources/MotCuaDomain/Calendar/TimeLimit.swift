/// The legal processing time of a procedure.
///
/// JSON form: `{"unit":"same_day"}`, `{"unit":"working_days","value":3}`,
/// `{"unit":"working_hours","value":8}` or `{"unit":"calendar_days","value":15}`.
/// How each unit is counted, with its legal basis, is `CountingRule`.
public enum TimeLimit: Sendable, Hashable, Codable {
    /// Done the day of receipt when received on a working day before the cut-off (15:00); otherwise by the
    /// end of the next working day (the "trong ngày, sau 15 giờ trả ngày làm việc tiếp theo" rule).
    case sameDay
    /// A number of working days: counting starts the day after receipt and ends at closing time of the
    /// last working day (Civil Code 2015 arts. 147, 148).
    case workingDays(Int)
    /// A number of working hours, counted in office minutes from the moment of receipt (Civil Code art. 147(1)).
    case workingHours(Int)
    /// A number of calendar days ("ngày"), weekends and holidays included; a period whose last day is a
    /// day off ends at the end of the next working day (Civil Code arts. 147, 148).
    case calendarDays(Int)

    private enum CodingKeys: String, CodingKey {
        case unit
        case value
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let unit = try container.decode(String.self, forKey: .unit)
        switch unit {
        case "same_day": self = .sameDay
        case "working_days": self = .workingDays(try container.decode(Int.self, forKey: .value))
        case "working_hours": self = .workingHours(try container.decode(Int.self, forKey: .value))
        case "calendar_days": self = .calendarDays(try container.decode(Int.self, forKey: .value))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .unit,
                in: container,
                debugDescription: "unknown unit '\(unit)'; expected same_day, working_days, working_hours or calendar_days"
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .sameDay:
            try container.encode("same_day", forKey: .unit)
        case .workingDays(let days):
            try container.encode("working_days", forKey: .unit)
            try container.encode(days, forKey: .value)
        case .workingHours(let hours):
            try container.encode("working_hours", forKey: .unit)
            try container.encode(hours, forKey: .value)
        case .calendarDays(let days):
            try container.encode("calendar_days", forKey: .unit)
            try container.encode(days, forKey: .value)
        }
    }

    /// Whether the limit allows any time at all (a zero or negative count is a data error).
    public var isPositive: Bool {
        switch self {
        case .sameDay: true
        case .workingDays(let value), .workingHours(let value), .calendarDays(let value): value > 0
        }
    }

    /// Vietnamese label as printed on the receipt slip.
    public var labelVi: String {
        switch self {
        case .sameDay: "Trong ngày (nhận sau 15 giờ trả trong ngày làm việc tiếp theo)"
        case .workingDays(let days): "\(days) ngày làm việc"
        case .workingHours(let hours): "\(hours) giờ làm việc"
        case .calendarDays(let days): "\(days) ngày"
        }
    }

    /// English label.
    public var labelEn: String {
        switch self {
        case .sameDay: "Same day (received after 15:00: next working day)"
        case .workingDays(let days): days == 1 ? "1 working day" : "\(days) working days"
        case .workingHours(let hours): hours == 1 ? "1 working hour" : "\(hours) working hours"
        case .calendarDays(let days): days == 1 ? "1 calendar day" : "\(days) calendar days"
        }
    }

    /// The JSON `unit` name.
    public var unitName: String {
        switch self {
        case .sameDay: "same_day"
        case .workingDays: "working_days"
        case .workingHours: "working_hours"
        case .calendarDays: "calendar_days"
        }
    }

    /// The count (`nil` for `sameDay`).
    public var value: Int? {
        switch self {
        case .sameDay: nil
        case .workingDays(let value), .workingHours(let value), .calendarDays(let value): value
        }
    }
}
