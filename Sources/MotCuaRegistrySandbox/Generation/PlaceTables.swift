/// Places, facilities and trades that rows refer to by small indices.
enum PlaceTables {
    /// A birth-registration place: the 3-digit code at the start of the citizen ID and its name as written
    /// in records of people born before the 2025 merger (domain.md §1.3).
    struct BirthPlace: Sendable {
        let code: Int
        let name: String
    }

    /// Index 0 and 1 are old Bắc Ninh and old Bắc Giang; rows rely on that.
    static let birthPlaces: [BirthPlace] = [
        BirthPlace(code: 27, name: "Tỉnh Bắc Ninh"), BirthPlace(code: 24, name: "Tỉnh Bắc Giang"),
        BirthPlace(code: 1, name: "Thành phố Hà Nội"), BirthPlace(code: 19, name: "Tỉnh Thái Nguyên"),
        BirthPlace(code: 30, name: "Tỉnh Hải Dương"), BirthPlace(code: 26, name: "Tỉnh Vĩnh Phúc"),
        BirthPlace(code: 20, name: "Tỉnh Lạng Sơn"), BirthPlace(code: 33, name: "Tỉnh Hưng Yên"),
        BirthPlace(code: 34, name: "Tỉnh Thái Bình"), BirthPlace(code: 36, name: "Tỉnh Nam Định"),
        BirthPlace(code: 38, name: "Tỉnh Thanh Hóa"), BirthPlace(code: 40, name: "Tỉnh Nghệ An"),
        BirthPlace(code: 22, name: "Tỉnh Quảng Ninh"), BirthPlace(code: 79, name: "Thành phố Hồ Chí Minh"),
        BirthPlace(code: 174, name: "Hàn Quốc"), BirthPlace(code: 232, name: "Nhật Bản"),
    ]
    /// Where people living in Bắc Ninh were born, besides their own old province (drawn separately).
    static let elsewhereWeights = WeightedTable([0, 0, 30, 12, 10, 8, 7, 6, 5, 4, 5, 3, 3, 3, 1.5, 0.5])

    /// Village names for communes (thôn); wards use numbered residential groups (tổ dân phố).
    static let villages: [String] = [
        "Đông", "Đoài", "Trung", "Thượng", "Hạ", "Nam", "Bắc", "Tiền", "Hậu", "Chùa", "Đình", "Mới", "Ngọ", "Cầu",
        "Bến", "Đồng", "Chợ", "Giữa", "Ngoài", "Trại",
    ]

    /// "Thôn Đông" in a commune, "Tổ dân phố 3" in a ward.
    static func village(_ index: UInt8, in commune: Commune) -> String {
        commune.isWard ? "Tổ dân phố \(Int(index) + 1)" : "Thôn " + villages[Int(index) % villages.count]
    }

    /// Hospitals patients may register with instead of their commune health station. Codes are synthetic.
    static let hospitals: [(code: String, name: String)] = [
        ("24001", "Bệnh viện Đa khoa tỉnh Bắc Ninh"), ("24002", "Bệnh viện Đa khoa tỉnh Bắc Giang"),
        ("24003", "Bệnh viện Sản - Nhi Bắc Ninh"), ("24004", "Trung tâm Y tế Từ Sơn"),
        ("24005", "Trung tâm Y tế Lục Ngạn"), ("24006", "Trung tâm Y tế Việt Yên"),
    ]

    /// A registered clinic: indices below 99 are commune health stations, the rest ``hospitals``.
    static func clinic(_ index: UInt8) -> (code: String, name: String) {
        let value = Int(index)
        if value < Commune.bacNinh.count {
            let commune = Commune.bacNinh[value]
            let number = String(100 + value)
            return ("24" + number, "Trạm Y tế " + (commune.isWard ? "phường " : "xã ") + commune.name)
        }
        return hospitals[(value - Commune.bacNinh.count) % hospitals.count]
    }

    /// A line of household business: the registered trade and the sign-board word.
    struct Trade: Sendable {
        let trade: String
        let sign: String
        /// Commune codes where the trade is a local speciality (craft villages, lychee).
        let speciality: Set<String>
    }

    static let trades: [Trade] = [
        Trade(trade: "Bán lẻ tạp hóa", sign: "Tạp hóa", speciality: []),
        Trade(trade: "Dịch vụ ăn uống", sign: "Quán phở", speciality: []),
        Trade(trade: "Sửa chữa xe máy", sign: "Sửa xe", speciality: []),
        Trade(trade: "Cắt tóc, gội đầu", sign: "Salon tóc", speciality: []),
        Trade(trade: "Bán lẻ vật liệu xây dựng", sign: "Vật liệu xây dựng", speciality: []),
        Trade(trade: "May mặc", sign: "May đo", speciality: []),
        Trade(trade: "Cho thuê phòng trọ", sign: "Nhà trọ", speciality: ["07795", "07798", "09193", "09253", "09247"]),
        Trade(trade: "Bán lẻ thuốc", sign: "Nhà thuốc", speciality: []),
        Trade(trade: "Cà phê, giải khát", sign: "Cà phê", speciality: []),
        Trade(trade: "Sản xuất đồ gỗ mỹ nghệ", sign: "Đồ gỗ", speciality: ["09385", "09379"]),
        Trade(trade: "Sản xuất gốm", sign: "Gốm", speciality: ["09292"]),
        Trade(trade: "Thu mua, sơ chế vải thiều", sign: "Vải thiều", speciality: ["07582", "07594", "07603"]),
    ]
    static let tradeWeights = WeightedTable([30, 14, 10, 8, 6, 6, 6, 5, 10, 2, 1, 2])
}
