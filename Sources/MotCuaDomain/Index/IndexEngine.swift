import Foundation

/// Turns counted facts into the Decision 766 scores: pure functions, no I/O.
///
/// Points of a rate indicator: with a full-score threshold t, min(rate ÷ t, 1) × weight (the implementer's rule
/// for 3.1, 3.3, 4.2, 4.3, 5.4: "≥ t earns full points, below that rate × max ÷ t"); without one, rate × weight.
/// An empty denominator earns no points and is shown as "no dossiers in the period".
public enum IndexEngine {
    public static func score(_ configuration: IndexConfiguration, inputs: [String: IndicatorInput]) -> IndexScore {
        IndexScore(
            groups: configuration.groups.map { group in
                let scores = group.indicators.map { indicator in
                    score(
                        indicator,
                        input: inputs[indicator.id]
                            ?? .noData(reasonVi: "nền tảng chưa ghi nhận dữ liệu cho chỉ số này", reasonEn: "the platform records no data for this indicator"))
                }
                let scored = scores.filter { $0.points != nil }
                return GroupScore(
                    group: group, indicators: scores, points: scored.compactMap(\.points).reduce(0, +),
                    scoredMaxPoints: scored.map(\.indicator.weight).reduce(0, +))
            })
    }

    /// Points for a rate under an indicator's threshold.
    public static func points(rate: Double, weight: Double, threshold: Double?) -> Double {
        let clamped = min(max(rate, 0), 1)
        guard let threshold else { return clamped * weight }
        return min(clamped / threshold, 1) * weight
    }

    public static func score(_ indicator: IndexConfiguration.Indicator, input: IndicatorInput) -> IndicatorScore {
        let thresholdVi = indicator.fullScoreThreshold.map { "; đạt ≥ \(percent($0)) được điểm tối đa, dưới mức đó điểm = tỷ lệ × \(number(indicator.weight)) ÷ \(percent($0))" } ?? "; điểm = tỷ lệ × \(number(indicator.weight))"
        let thresholdEn = indicator.fullScoreThreshold.map { "; ≥ \(percent($0)) earns full points, below that points = rate × \(number(indicator.weight)) ÷ \(percent($0))" } ?? "; points = rate × \(number(indicator.weight))"
        switch input {
        case .rate(let numerator, let denominator):
            guard denominator > 0 else {
                return IndicatorScore(
                    indicator: indicator, state: .noData, numerator: numerator, denominator: 0, rate: nil, averageHours: nil, points: nil,
                    explanationVi: "\(indicator.ruleVi). Không có hồ sơ/thủ tục nào trong kỳ (mẫu số 0).",
                    explanationEn: "\(indicator.ruleEn). Nothing to count in the period (denominator 0).")
            }
            let rate = Double(numerator) / Double(denominator)
            let points = points(rate: rate, weight: indicator.weight, threshold: indicator.fullScoreThreshold)
            return IndicatorScore(
                indicator: indicator, state: .scored, numerator: numerator, denominator: denominator, rate: rate, averageHours: nil, points: points,
                explanationVi: "\(indicator.ruleVi). \(numerator) ÷ \(denominator) = \(percent(rate))\(thresholdVi) → \(number(points)) điểm.",
                explanationEn: "\(indicator.ruleEn). \(numerator) ÷ \(denominator) = \(percent(rate))\(thresholdEn) → \(number(points)) points.")
        case .satisfaction(let overdue, let complained, let total):
            guard total > 0 else {
                return IndicatorScore(
                    indicator: indicator, state: .noData, numerator: nil, denominator: 0, rate: nil, averageHours: nil, points: nil,
                    explanationVi: "\(indicator.ruleVi). Không có hồ sơ nào trong kỳ.", explanationEn: "\(indicator.ruleEn). No dossiers in the period.")
            }
            let complaints = complained ?? 0
            let rate = max(0, 1 - Double(overdue) / Double(total) - Double(complaints) / Double(total))
            let points = points(rate: rate, weight: indicator.weight, threshold: indicator.fullScoreThreshold)
            let noteVi = complained == nil ? " (phản ánh, kiến nghị và đánh giá: chưa có dữ liệu, tính là 0)" : ""
            let noteEn = complained == nil ? " (complaints and ratings: no data yet, counted as 0)" : ""
            return IndicatorScore(
                indicator: indicator, state: .scored, numerator: total - overdue - complaints, denominator: total, rate: rate, averageHours: nil,
                points: points,
                explanationVi: "\(indicator.ruleVi). 100% − \(overdue)/\(total) trễ hạn − \(complaints)/\(total) có PAKN/không hài lòng\(noteVi) = \(percent(rate))\(thresholdVi) → \(number(points)) điểm.",
                explanationEn: "\(indicator.ruleEn). 100% − \(overdue)/\(total) overdue − \(complaints)/\(total) with a complaint/dislike\(noteEn) = \(percent(rate))\(thresholdEn) → \(number(points)) points.")
        case .averageHours(let totalHours, let completed):
            let average = completed > 0 ? totalHours / Double(completed) : nil
            return IndicatorScore(
                indicator: indicator, state: completed > 0 ? .informational : .noData, numerator: nil, denominator: completed, rate: nil,
                averageHours: average, points: nil,
                explanationVi: "\(indicator.ruleVi). " + (average.map { "\(number(totalHours)) giờ ÷ \(completed) hồ sơ = \(number($0)) giờ; chưa chấm điểm (chưa có quy tắc chính thức)." } ?? "Không có hồ sơ hoàn thành trong kỳ."),
                explanationEn: "\(indicator.ruleEn). " + (average.map { "\(number(totalHours)) hours ÷ \(completed) dossiers = \(number($0)) hours; not scored (no official rule found)." } ?? "No dossiers completed in the period."))
        case .breakdown(let total, let partsVi, let partsEn):
            return IndicatorScore(
                indicator: indicator, state: total > 0 ? .informational : .noData, numerator: total, denominator: nil, rate: nil,
                averageHours: nil, points: nil,
                explanationVi: "\(indicator.ruleVi). " + (total > 0 ? "\(total) phản ánh, kiến nghị (\(partsVi)); chưa chấm điểm (chưa có công thức chính thức)." : "Không có phản ánh, kiến nghị nào trong kỳ."),
                explanationEn: "\(indicator.ruleEn). " + (total > 0 ? "\(total) complaints and petitions (\(partsEn)); not scored (no official formula found)." : "No complaints or petitions in the period."))
        case .noData(let reasonVi, let reasonEn):
            return IndicatorScore(
                indicator: indicator, state: .noData, numerator: nil, denominator: nil, rate: nil, averageHours: nil, points: nil,
                explanationVi: "\(indicator.ruleVi). Chưa có dữ liệu: \(reasonVi).", explanationEn: "\(indicator.ruleEn). No data: \(reasonEn).")
        case .notApplicable(let reasonVi, let reasonEn):
            return IndicatorScore(
                indicator: indicator, state: .notApplicable, numerator: nil, denominator: nil, rate: nil, averageHours: nil, points: nil,
                explanationVi: "\(indicator.ruleVi). Không áp dụng tại đây: \(reasonVi).", explanationEn: "\(indicator.ruleEn). Not applicable here: \(reasonEn).")
        }
    }

    /// "83.33%" (two decimals, rounded half away from zero).
    public static func percent(_ rate: Double) -> String { number(rate * 100) + "%" }

    /// Two decimals at most, without trailing zeros: "12", "7.5", "3.33".
    public static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        let text = String(format: "%.2f", rounded)
        return text.hasSuffix("0") ? String(text.dropLast()) : text
    }
}
