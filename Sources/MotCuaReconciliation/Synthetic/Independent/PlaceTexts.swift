import Foundation

/// Free-text places of birth as clerks write them: the unit in force ("Xã Tân Chi, Tỉnh Bắc Ninh") or
/// the one before the 2025 merger with its district ("X. Tân Chi, H. Tiên Du, T. Bắc Ninh"), with full,
/// abbreviated or no prefixes, with or without diacritics.
struct PlaceTexts: Sendable {
    struct OldUnit: Sendable {
        var type: String
        var name: String
        var districtType: String
        var district: String
        var province: String
    }

    /// Per commune code in force: its type and name, and the old units merged into it.
    private var current: [UInt32: (type: String, name: String)] = [:]
    private var old: [UInt32: [OldUnit]] = [:]

    /// Places outside the gazetteer: other provinces, hospitals, abroad.
    static let elsewhere = [
        "Bệnh viện Sản Nhi Bắc Ninh", "Xã Đông Hội, Huyện Đông Anh, Hà Nội", "Phường Hồng Hải, TP Hạ Long, Quảng Ninh", "Hàn Quốc",
        "Trạm y tế xã", "Thái Nguyên", "P. Bến Nghé, Q.1, TP. Hồ Chí Minh", "Không rõ",
    ]

    init() {
        for line in BacNinhPlaces.rows.split(separator: "\n") {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard let code = UInt32(fields[1]) else { continue }
            if fields[0] == "N" {
                current[code] = (fields[2], fields[3])
            } else {
                old[code, default: []].append(OldUnit(type: fields[2], name: fields[3], districtType: fields[4], district: fields[5], province: fields[6]))
            }
        }
    }

    /// Without diacritics, Đ written D.
    static func plain(_ text: String) -> String {
        text.folding(options: .diacriticInsensitive, locale: nil).replacingOccurrences(of: "Đ", with: "D").replacingOccurrences(of: "đ", with: "d")
    }

    private static let unitPrefixes: [String: [String]] = [
        "commune": ["Xã ", "X. ", "X.", "xã "], "ward": ["Phường ", "P. ", "P.", "phường "], "town": ["Thị trấn ", "TT. ", "TT ", "Thị Trấn "],
    ]
    private static let districtPrefixes: [String: [String]] = [
        "district": ["Huyện ", "H. ", "H.", "huyện "], "town": ["Thị xã ", "TX. ", "TX ", "Thị Xã "], "city": ["Thành phố ", "TP. ", "TP ", "Tp "],
        "urban_district": ["Quận ", "Q. "],
    ]
    private static let provinceForms = [["Tỉnh ", "T. ", "tỉnh "], [""]]

    /// A text for the commune in force `code`, and the style labels used (for the truth's error column).
    func render(_ code: UInt32, _ random: inout Xoshiro256) -> (text: String, styles: [String]) {
        var styles: [String] = []
        let short = random.probability(0.45)
        func prefix(_ choices: [String]?) -> String {
            guard let choices else { return "" }
            if random.probability(0.08) { return "" }
            return short ? choices[1 + random.int(choices.count - 1)] : choices[0]
        }
        var parts: [String] = []
        let province = random.probability(0.75)
        if let units = old[code], !units.isEmpty, random.probability(0.6) {
            let unit = random.element(units)
            styles.append("place_before_merger")
            parts.append(prefix(Self.unitPrefixes[unit.type]) + unit.name)
            parts.append(prefix(Self.districtPrefixes[unit.districtType]) + unit.district)
            if province { parts.append(prefix(Self.provinceForms[0]) + unit.province) }
        } else if let unit = current[code] {
            styles.append("place_after_merger")
            parts.append(prefix(Self.unitPrefixes[unit.type]) + unit.name)
            parts.append(prefix(Self.provinceForms[0]) + "Bắc Ninh")
        }
        if short { styles.append("place_abbreviated") }
        var text = parts.joined(separator: random.probability(0.85) ? ", " : " - ")
        if random.probability(0.15) {
            text = Self.plain(text)
            styles.append("place_without_diacritics")
        }
        return (text, styles)
    }
}
