import Foundation

/// Weighted pools of Vietnamese names and Bắc Ninh commune codes for the synthetic generator.
///
/// Surname shares follow domain.md §4.1, shifted north for Bắc Ninh (Hoàng and Vũ far more common than
/// Huỳnh and Võ). Middle and given names follow §4.2; the given-name weights are Zipf-like so that
/// common names (Anh, Linh, Hùng) produce realistic numbers of namesakes.
enum NamePools {
    /// A list of values with cumulative weights, sampled by binary search.
    struct Weighted: Sendable {
        let values: [String]
        let cumulative: [Double]

        init(_ pairs: [(String, Double)]) {
            values = pairs.map(\.0)
            var total = 0.0
            cumulative = pairs.map { total += $0.1; return total }
        }

        /// Zipf-like weights by rank.
        init(zipf values: [String], exponent: Double = 0.5) {
            self.init(values.enumerated().map { ($1, 1 / pow(Double($0 + 1), exponent)) })
        }

        func pick(_ random: inout SplitMix64) -> Int {
            let target = random.unit() * cumulative.last!
            var lower = 0
            var upper = cumulative.count - 1
            while lower < upper {
                let middle = (lower + upper) / 2
                if cumulative[middle] <= target { lower = middle + 1 } else { upper = middle }
            }
            return lower
        }
    }

    static let surnames = Weighted([
        ("Nguyễn", 38.4), ("Trần", 11.0), ("Lê", 9.5), ("Phạm", 7.1), ("Hoàng", 4.6), ("Huỳnh", 0.5), ("Phan", 4.5),
        ("Vũ", 3.5), ("Võ", 0.4), ("Đặng", 2.1), ("Bùi", 2.0), ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1.0),
        ("Lý", 0.5), ("Đinh", 0.9), ("Đào", 0.9), ("Đoàn", 0.8), ("Trịnh", 0.8), ("Trương", 0.7), ("Hà", 0.8), ("Mai", 0.6),
        ("Lương", 0.5), ("Cao", 0.5), ("Phùng", 0.4), ("Lưu", 0.4), ("Lâm", 0.4), ("Tạ", 0.4), ("Vương", 0.3), ("Châu", 0.3),
        ("Kiều", 0.3), ("Nghiêm", 0.2), ("Khúc", 0.2), ("Thân", 0.3), ("Giáp", 0.2), ("Chu", 0.3), ("Quách", 0.2), ("Tô", 0.3),
    ])

    static let maleMiddles = Weighted([
        ("Văn", 42), ("Đức", 8), ("Minh", 8), ("Quang", 6), ("Công", 6), ("Hữu", 5), ("Xuân", 4), ("Thanh", 4), ("Ngọc", 3),
        ("Hoàng", 3), ("Gia", 3), ("Bảo", 3), ("Khánh", 2), ("Tuấn", 2), ("Việt", 2), ("Văn Đức", 1), ("Đình", 3), ("Trọng", 2),
        ("Mạnh", 1), ("Duy", 2), ("Tiến", 1), ("", 2),
    ])

    static let femaleMiddles = Weighted([
        ("Thị", 50), ("Ngọc", 6), ("Thu", 5), ("Kim", 4), ("Thanh", 5), ("Như", 3), ("Khánh", 3), ("Minh", 4), ("Bảo", 3),
        ("Phương", 3), ("Hồng", 4), ("Thị Như", 2), ("Thị Thu", 2), ("Thị Ngọc", 1), ("Diệu", 1), ("Hải", 2), ("Mai", 1),
        ("Thùy", 2), ("Quỳnh", 1), ("", 2),
    ])

    static let maleGivens = Weighted(zipf: [
        "Anh", "Hùng", "Dũng", "Minh", "Huy", "Tuấn", "Nam", "Hải", "Long", "Đức", "Thắng", "Sơn", "Cường", "Trung", "Hiếu",
        "Phong", "Tùng", "Quang", "Khánh", "Hòa", "Bình", "Tâm", "Thành", "Lâm", "Vinh", "Quân", "Hoàng", "Đạt", "Tiến", "Toàn",
        "Phúc", "Lộc", "Thịnh", "Hưng", "Kiên", "Khoa", "Tú", "Hậu", "Nghĩa", "Quý", "Thụy", "Chiến", "Công", "Định", "Duy",
        "Giang", "Hiển", "Hiệp", "Khải", "Lợi", "Mạnh", "Ngọc", "Nhân", "Phát", "Phương", "Quyết", "Tài", "Thái", "Thanh", "Thiện",
        "Trí", "Trường", "Tuệ", "Việt", "Vũ", "Bảo", "Đông", "Hào", "Hợp", "Luân", "Nguyên", "Sang", "Tấn", "Thuận", "Vượng",
    ])

    static let femaleGivens = Weighted(zipf: [
        "Linh", "Anh", "Phương", "Trang", "Hương", "Thảo", "Ngọc", "Hà", "Thủy", "Lan", "Huyền", "Nhung", "Dung", "Hằng", "Mai",
        "Hoa", "Thu", "Yến", "Nga", "Vân", "Thúy", "Hạnh", "Nhi", "Vy", "Hòa", "Loan", "Quỳnh", "Trinh", "Thùy", "Hiền",
        "Oanh", "Liên", "Tâm", "Thanh", "Uyên", "Châu", "Diệp", "Duyên", "Giang", "Hậu", "Hồng", "Khánh", "Lệ", "Ly", "My",
        "Ngân", "Nguyệt", "Nhàn", "Nhã", "Phượng", "Quyên", "Sương", "Tiên", "Thơ", "Thoa", "Trâm", "Tuyết", "Vi", "Xuân", "Yên",
        "Ánh", "Bích", "Chi", "Diễm", "Đào", "Gấm", "Hạ", "Kiều", "Lam", "Mơ", "Nương", "Phấn", "Quế", "Thắm", "Tươi",
    ])

    /// Old-style tone placement (domain.md §4.3): the tone moves to the other vowel of an open
    /// syllable ending in oa, oe or uy, and "Quý" becomes "Qúy".
    static let oldStyleEndings: [(String, String)] = [
        ("òa", "oà"), ("óa", "oá"), ("ỏa", "oả"), ("õa", "oã"), ("ọa", "oạ"), ("òe", "oè"), ("óe", "oé"), ("ỏe", "oẻ"),
        ("õe", "oẽ"), ("ọe", "oẹ"), ("ùy", "uỳ"), ("úy", "uý"), ("ủy", "uỷ"), ("ũy", "uỹ"), ("ụy", "uỵ"), ("Quý", "Qúy"),
    ]

    /// The regional surname pairs, as written.
    static let regionalPartner: [String: String] = ["Hoàng": "Huỳnh", "Huỳnh": "Hoàng", "Vũ": "Võ", "Võ": "Vũ"]

    /// The 99 commune-level units of Bắc Ninh (domain.md §3.2), Decision 19/2025 codes.
    static let communes: [UInt32] = [
        7210, 7228, 7525, 7612, 7681, 7682, 7696, 7699, 7738, 7774, 7777, 7795, 7798, 9169, 9187, 9190, 9247, 9253, 9265, 9286,
        9295, 9301, 9325, 9367, 9370, 9379, 9385, 9400, 9409, 9427, 9430, 9433, 9445,
        7246, 7264, 7282, 7288, 7294, 7306, 7330, 7333, 7339, 7351, 7375, 7381, 7399, 7420, 7432, 7444, 7450, 7462, 7486, 7489,
        7492, 7498, 7519, 7531, 7534, 7537, 7543, 7552, 7573, 7582, 7594, 7603, 7615, 7616, 7621, 7627, 7642, 7654, 7663, 7672,
        7735, 7822, 7840, 7864, 7870, 9193, 9202, 9205, 9208, 9238, 9292, 9313, 9319, 9334, 9340, 9343, 9349, 9454, 9466, 9469,
        9475, 9487, 9496, 9499, 9523, 9529,
    ]

    /// Birth-registration codes: mostly old Bắc Ninh (027) and Bắc Giang (024), some other provinces.
    static let placeCodes = Weighted([
        ("027", 48), ("024", 40), ("001", 4), ("019", 2), ("030", 2), ("026", 1), ("020", 1), ("079", 1), ("033", 1),
    ])
}
