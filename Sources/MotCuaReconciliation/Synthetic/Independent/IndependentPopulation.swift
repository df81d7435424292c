import Foundation

/// The register side of ``IndependentGenerator``: people with their own name lists and age pyramid.
struct IndependentPopulation: Sendable {
    struct Person: Sendable {
        var id: UInt64
        var legacy: UInt64
        var surname: String
        var middle: String
        var given: String
        var male: Bool
        /// yyyymmdd.
        var birth: Int32
        var commune: UInt32

        var fullName: String { middle.isEmpty ? "\(surname) \(given)" : "\(surname) \(middle) \(given)" }
    }

    var people: [Person]
    /// The commune codes in force, from the gazetteer.
    static let communes: [UInt32] = BacNinhPlaces.rows.split(separator: "\n").compactMap { line in
        line.hasPrefix("N|") ? UInt32(line.split(separator: "|")[1]) : nil
    }

    // National shares, not shifted towards the north as the other generator's are.
    static let surnames: [(String, Int)] = [
        ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 51), ("Huỳnh", 20), ("Phan", 45), ("Vũ", 39), ("Võ", 20),
        ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13), ("Ngô", 13), ("Dương", 10), ("Lý", 5), ("Đinh", 9), ("Đào", 9),
        ("Nghiêm", 3), ("Thân", 4), ("Giáp", 3), ("Tạ", 4), ("Lương", 5), ("Khổng", 1), ("Ông", 1), ("Doãn", 2), ("Ninh", 2),
    ]
    static let maleMiddles: [(String, Int)] = [
        ("Văn", 35), ("Đức", 9), ("Minh", 9), ("Quốc", 6), ("Công", 6), ("Hữu", 6), ("Thế", 4), ("Đình", 5), ("Tiến", 3),
        ("Anh", 3), ("Trung", 3), ("Hải", 2), ("Nhật", 2), ("Gia", 3), ("Bá", 2), ("Xuân Trường", 1), ("Minh Đức", 1), ("", 3),
    ]
    static let femaleMiddles: [(String, Int)] = [
        ("Thị", 45), ("Ngọc", 7), ("Thu", 5), ("Thanh", 5), ("Hồng", 4), ("Thúy", 3), ("Minh", 4), ("Phương", 3), ("Bích", 2),
        ("Kim", 3), ("Hoài", 2), ("Diệu", 2), ("Thị Thanh", 2), ("Thị Hồng", 1), ("Bảo", 2), ("", 3),
    ]
    static let maleGivens = [
        "Hùng", "Anh", "Dũng", "Tuấn", "Hải", "Nam", "Long", "Thắng", "Cường", "Huy", "Tùng", "Sơn", "Hoàng", "Quân", "Phúc", "Đạt", "Khôi",
        "Bảo", "Hiếu", "Thịnh", "Vinh", "Trọng", "Toàn", "Khang", "Kiên", "Lực", "Mạnh", "Nghĩa", "Phong", "Quyết", "Tâm", "Thái", "Thuận",
        "Tín", "Trí", "Trường", "Việt", "Vũ", "Chiến", "Đông", "Giang", "Hậu", "Hiệp", "Học", "Khải", "Lâm", "Luân", "Ngọc", "Nhật",
        "Quang", "Tài", "Thành", "Thiện", "Tiến", "Tú", "Uy", "Văn", "Xuân", "Yên", "Đức",
    ]
    static let femaleGivens = [
        "Hương", "Lan", "Linh", "Hoa", "Hà", "Trang", "Mai", "Thảo", "Ngọc", "Phương", "Huyền", "Nhung", "Hằng", "Yến", "Dung", "Nga",
        "Thủy", "Vân", "Hạnh", "Loan", "Oanh", "Quyên", "Tâm", "Thơm", "Tuyết", "Xuân", "Ánh", "Bình", "Chi", "Diệp", "Giang", "Hiền",
        "Hồng", "Khuê", "Lệ", "Liên", "Ly", "My", "Nguyệt", "Nhàn", "Nhi", "Quế", "Quỳnh", "Sen", "Thắm", "Thoa", "Thư", "Trâm", "Uyên",
        "Vy", "Duyên", "Gấm", "Hậu", "Lụa", "Mến", "Nụ", "Phượng", "Thanh", "Hòa", "Châu",
    ]

    static func weighted(_ values: [(String, Int)], _ random: inout Xoshiro256) -> String {
        let total = values.reduce(0) { $0 + $1.1 }
        var target = random.int(total)
        for (value, weight) in values {
            if target < weight { return value }
            target -= weight
        }
        return values[values.count - 1].0
    }

    /// Given names with a steep rank-frequency curve: rank r has weight r^-0.6, so the commonest name is
    /// about 9% of its sex (real registers: a few per cent), making namesakes more common than in reality.
    static func given(_ values: [String], _ random: inout Xoshiro256) -> String {
        let total = (1...values.count).reduce(0.0) { $0 + pow(Double($1), -0.6) }
        var target = Double(random.next() >> 11) / 9_007_199_254_740_992 * total
        for (rank, value) in values.enumerated() {
            target -= pow(Double(rank + 1), -0.6)
            if target < 0 { return value }
        }
        return values[values.count - 1]
    }

    static func make(count: Int, random: inout Xoshiro256) -> IndependentPopulation {
        var used = Set<UInt64>(minimumCapacity: count)
        var people: [Person] = []
        people.reserveCapacity(count)
        for index in 0..<count {
            let male = random.probability(0.49)
            // A pyramid with a bulge at 30–45 years, ages 0–99.
            let age = min(99, random.probability(0.3) ? 30 + random.int(16) : random.int(60) + random.int(41))
            let year = 2026 - age - 1
            let month = 1 + random.int(12)
            let day = 1 + random.int(PackedDate.daysInMonth(year, month))
            let place: UInt64 = random.probability(0.5) ? 27 : random.probability(0.85) ? 24 : [1, 22, 26, 30, 79][random.int(5)]
            let century = UInt64((year / 100 - 19) * 2 + (male ? 0 : 1))
            var id: UInt64
            repeat {
                id = place * 1_000_000_000 + century * 100_000_000 + UInt64(year % 100) * 1_000_000 + UInt64(random.int(1_000_000))
            } while !used.insert(id).inserted
            // Old 9-digit numbers for people old enough to have held one: distinct by construction.
            let legacy: UInt64 = year <= 2004 && random.probability(0.7) ? 120_000_000 + UInt64(index) * 7 % 870_000_000 : 0
            people.append(
                Person(
                    id: id, legacy: legacy, surname: weighted(surnames, &random), middle: weighted(male ? maleMiddles : femaleMiddles, &random),
                    given: given(male ? maleGivens : femaleGivens, &random), male: male, birth: PackedDate.make(year, month, day),
                    commune: random.element(communes)))
        }
        return IndependentPopulation(people: people)
    }

    /// The register in the national database export format the engine reads.
    func write(to file: AtomicFile) throws {
        var output = BufferedOutput(file)
        output.append("citizen_id,legacy_id,full_name,sex,date_of_birth,commune_code,marital_status,spouse_id,vital_status\n")
        for person in people {
            output.append(FindingBuilder.formatID(person.id, digits: 12))
            output.append(",")
            if person.legacy != 0 { output.append(String(person.legacy)) }
            output.append(",\(person.fullName),\(person.male ? "male" : "female"),\(PackedDate.format(person.birth)),")
            output.append(FindingBuilder.formatID(UInt64(person.commune), digits: 5))
            output.append(",,,alive\n")
            try output.flushIfLarge()
        }
        try output.flush()
    }
}
