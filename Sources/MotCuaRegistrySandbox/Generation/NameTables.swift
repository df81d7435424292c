/// Name parts, stored in person rows as one-byte indices and composed into full names on demand.
///
/// Surname weights follow domain.md §4.1, shifted north for Bắc Ninh (Hoàng and Vũ, not Huỳnh and Võ).
/// Middle names follow §4.2 and change with the generation: people born from 1995 carry Văn and Thị less
/// often. Given names are Zipf-weighted so that common names produce realistic numbers of namesakes.
enum NameTables {
    static let surnames: [String] = [
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
        "Đinh", "Đào", "Đoàn", "Trịnh", "Trương", "Hà", "Mai", "Lương", "Cao", "Phùng", "Lưu", "Tạ", "Thân", "Giáp",
        "Chu", "Nghiêm", "Kiều", "Huỳnh", "Võ",
    ]
    static let surnameWeights = WeightedTable([
        38.4, 11.0, 9.5, 7.1, 4.8, 4.5, 3.8, 2.1, 2.0, 1.4, 1.3, 1.3, 1.0, 0.5,
        0.9, 0.9, 0.8, 0.8, 0.7, 0.8, 0.6, 0.5, 0.5, 0.4, 0.4, 0.4, 0.4, 0.3,
        0.3, 0.2, 0.3, 0.2, 0.1,
    ])

    /// Middle names of both sexes in one list (an empty entry for names without one).
    static let middles: [String] = [
        "Văn", "Đức", "Minh", "Quang", "Công", "Hữu", "Xuân", "Đình", "Trọng", "Duy", "Tuấn", "Gia", "Bảo", "Việt",
        "Thị", "Thu", "Kim", "Như", "Phương", "Hồng", "Diệu", "Thùy", "Thị Thu", "Thị Ngọc", "Thị Như",
        "Thanh", "Ngọc", "Khánh", "Hoàng", "Hải", "",
    ]
    private static func middleWeights(_ pairs: [String: Double]) -> WeightedTable {
        WeightedTable(middles.map { pairs[$0] ?? 0 })
    }
    static let maleMiddleWeights = middleWeights([
        "Văn": 45, "Đức": 8, "Minh": 6, "Quang": 6, "Công": 6, "Hữu": 5, "Xuân": 4, "Đình": 4, "Trọng": 2, "Duy": 2,
        "Tuấn": 1, "Gia": 1, "Bảo": 1, "Việt": 2, "Thanh": 4, "Ngọc": 2, "Khánh": 1, "Hoàng": 2, "Hải": 1, "": 1,
    ])
    static let modernMaleMiddleWeights = middleWeights([
        "Văn": 14, "Đức": 12, "Minh": 14, "Quang": 7, "Công": 4, "Hữu": 3, "Xuân": 3, "Đình": 2, "Trọng": 3, "Duy": 6,
        "Tuấn": 4, "Gia": 10, "Bảo": 8, "Việt": 5, "Thanh": 3, "Ngọc": 2, "Khánh": 4, "Hoàng": 5, "Hải": 3,
    ])
    static let femaleMiddleWeights = middleWeights([
        "Thị": 60, "Thu": 5, "Kim": 4, "Như": 2, "Phương": 2, "Hồng": 4, "Diệu": 1, "Thùy": 2, "Thị Thu": 3,
        "Thị Ngọc": 2, "Thị Như": 1, "Thanh": 6, "Ngọc": 5, "Khánh": 1, "Hải": 1, "": 1,
    ])
    static let modernFemaleMiddleWeights = middleWeights([
        "Thị": 20, "Thu": 6, "Kim": 4, "Như": 5, "Phương": 6, "Hồng": 3, "Diệu": 3, "Thùy": 5, "Thị Thu": 2,
        "Thị Ngọc": 2, "Thị Như": 2, "Thanh": 6, "Ngọc": 10, "Khánh": 8, "Hải": 4, "Bảo": 6, "Minh": 6, "Gia": 2,
    ])

    static let maleGivens: [String] = [
        "Anh", "Hùng", "Dũng", "Minh", "Huy", "Tuấn", "Nam", "Hải", "Long", "Đức", "Thắng", "Sơn", "Cường", "Trung",
        "Hiếu", "Phong", "Tùng", "Quang", "Khánh", "Hòa", "Bình", "Tâm", "Thành", "Lâm", "Vinh", "Quân", "Hoàng",
        "Đạt", "Tiến", "Toàn", "Phúc", "Lộc", "Thịnh", "Hưng", "Kiên", "Khoa", "Tú", "Hậu", "Nghĩa", "Quý", "Chiến",
        "Định", "Duy", "Giang", "Hiển", "Hiệp", "Khải", "Mạnh", "Nhân", "Phát", "Quyết", "Tài", "Thái", "Thiện", "Trí",
        "Trường", "Việt", "Vũ", "Đông", "Hào", "Luân", "Nguyên", "Thuận", "Vượng", "Khang", "Bảo", "Khôi", "Lực",
    ]
    static let femaleGivens: [String] = [
        "Linh", "Anh", "Phương", "Trang", "Hương", "Thảo", "Ngọc", "Hà", "Thủy", "Lan", "Huyền", "Nhung", "Dung",
        "Hằng", "Mai", "Hoa", "Thu", "Yến", "Nga", "Vân", "Thúy", "Hạnh", "Nhi", "Vy", "Hòa", "Loan", "Quỳnh",
        "Trinh", "Hiền", "Oanh", "Liên", "Tâm", "Uyên", "Châu", "Diệp", "Duyên", "Giang", "Hồng", "Lệ", "Ly", "My",
        "Ngân", "Nguyệt", "Nhàn", "Phượng", "Quyên", "Sương", "Tiên", "Thơ", "Thoa", "Trâm", "Tuyết", "Xuân", "Ánh",
        "Bích", "Chi", "Diễm", "Gấm", "Hạ", "Thắm", "Tươi", "Hảo", "Nụ", "Lụa",
    ]
    /// Given names of both sexes in one list; female names follow the male ones.
    static let givens: [String] = maleGivens + femaleGivens

    private static func zipf(_ count: Int) -> [Double] { (0..<count).map { 1 / Double($0 + 1).squareRoot() } }
    static let maleGivenWeights = WeightedTable(zipf(maleGivens.count) + Array(repeating: 0, count: femaleGivens.count))
    static let femaleGivenWeights = WeightedTable(Array(repeating: 0, count: maleGivens.count) + zipf(femaleGivens.count))

    /// The full name from its parts.
    static func fullName(surname: UInt8, middle: UInt8, given: UInt8) -> String {
        let middleName = middles[Int(middle)]
        let parts = middleName.isEmpty
            ? [surnames[Int(surname)], givens[Int(given)]] : [surnames[Int(surname)], middleName, givens[Int(given)]]
        return parts.joined(separator: " ")
    }
}
