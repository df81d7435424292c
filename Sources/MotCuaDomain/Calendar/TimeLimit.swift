/// The legal processing time of a procedure.
///
/// JSON form: `{"unit":"same_day"}`, `{"unit":"working_days","value":3}` or
/// `{"unit":"working_hours","value":8}`.
public enum TimeLimit: Sendable, Hashable, Codable {
    /// Done the day of receipt when received on a working day before the cut-off (15:00); otherwise by the
    /// end of the next working day (the "trong ngày, sau 15 giờ trả ngày làm việc tiếp theo" rule).
    case sameDay
    /// A number of working days, counted in office minutes from the moment of receipt.
    case workingDays(Int)
    /// A number of working hours, counted in office minutes from the moment of receipt.
    case workingHours(Int)

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
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .unit,
                in: container,
                debugDescription: "unknown unit '\(unit)'; expected same_day, working_days or working_hours"
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
        }
    }

    /// Whether the limit allows any time at all (a zero or negative count is a data error).
    public var isPositive: Bool {
        switch self {
        case .sameDay: true
        case .workingDays(let value), .workingHours(let value): value > 0
        }
    }

    /// Vietnamese label as printed on the receipt slip.
    public var labelVi: String {
        switch self {
        case .sameDay: "Trong ngày (nhận sau 15 giờ trả trong ngày làm việc tiếp theo)"
        case .workingDays(let days): "\(days) ngày làm việc"
        case .workingHours(let hours): "\(hours) giờ làm việc"
        }
    }

    /// English label.
    public var labelEn: String {
        switch self {
        case .sameDay: "Same day (received after 15:00: next working day)"
        case .workingDays(let days): days == 1 ? "1 working day" : "\(days) working days"
        case .workingHours(let hours): hours == 1 ? "1 working hour" : "\(hours) working hours"
        }
    }
}
