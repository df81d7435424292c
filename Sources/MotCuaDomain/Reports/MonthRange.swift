/// An inclusive range of calendar months (`YYYY-MM`) a report covers, at most `maximumMonths` long.
public struct MonthRange: Sendable, Hashable {
    public let from: String
    public let to: String

    /// Longest range a report may cover (five years).
    public static let maximumMonths = 60

    public init(from: String, to: String) throws(ReportQueryError) {
        guard let start = Self.index(from) else {
            throw ReportQueryError(field: "from", message: "Tháng bắt đầu phải có dạng YYYY-MM / 'from' must be a month YYYY-MM, e.g. 2026-01")
        }
        guard let end = Self.index(to) else {
            throw ReportQueryError(field: "to", message: "Tháng kết thúc phải có dạng YYYY-MM / 'to' must be a month YYYY-MM, e.g. 2026-12")
        }
        guard end >= start else {
            throw ReportQueryError(field: "to", message: "Tháng kết thúc trước tháng bắt đầu / 'to' (\(to)) is before 'from' (\(from))")
        }
        guard end - start < Self.maximumMonths else {
            throw ReportQueryError(
                field: "to",
                message: "Tối đa \(Self.maximumMonths) tháng / a report covers at most \(Self.maximumMonths) months; \(from)…\(to) is \(end - start + 1)")
        }
        self.from = from
        self.to = to
    }

    /// Months since year 0 of a `YYYY-MM` month, or nil when it is not one.
    static func index(_ text: String) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 7, parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            parts.allSatisfy({ $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }),
            let year = Int(parts[0]), let month = Int(parts[1]), (1...9999).contains(year), (1...12).contains(month)
        else { return nil }
        return year * 12 + month - 1
    }
}
