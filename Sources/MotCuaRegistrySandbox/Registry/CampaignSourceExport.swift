import Foundation
import MotCuaDomain

/// Source files for the land and insurance campaigns, written from the sandbox's own land and insurance
/// databases (so the conversions a campaign sends apply to real sandbox parcels and participants), with the
/// damage of real extracts: IDs missing, misspelt names, names without diacritics or in capitals, address
/// variants, dates in several formats.
///
/// The headers are the Vietnamese column names of docs/examples/land and docs/examples/insurance, read by the
/// reconciliation engine through ``landMapping`` and ``insuranceMapping`` (written next to the file as JSON).
public enum CampaignSourceExport {
    /// Land holders: one record per holder of a parcel (a parcel with two holders has two records; a holder
    /// with several parcels has several records, which differ in their commune, sheet and parcel number: columns
    /// the duplicate check compares, since the parcel id itself is the record id, which it does not).
    public static let landHeader = "ma_thua,ma_xa,to_ban_do,thua_so,ho_ten_chu,so_giay_to,ngay_sinh,dia_chi"
    /// Logical field → header, as a ColumnMapping's `columns`: the parcel id is the record id, the address the place.
    public static let landMapping = [
        "record_id": "ma_thua", "full_name": "ho_ten_chu", "citizen_id": "so_giay_to", "date_of_birth": "ngay_sinh", "place": "dia_chi",
    ]
    /// Insurance participants: one record per insured person, keyed by the 10-digit social-insurance number.
    public static let insuranceHeader = "ma_so_bhxh,ho_ten,ngay_sinh,gioi_tinh,so_dinh_danh,ma_kcb"
    public static let insuranceMapping = [
        "record_id": "ma_so_bhxh", "full_name": "ho_ten", "date_of_birth": "ngay_sinh", "sex": "gioi_tinh", "citizen_id": "so_dinh_danh",
    ]

    /// What a file holds.
    public struct Written: Sendable, Hashable {
        public var records = 0
        /// Records carrying an old 9-digit ID (land: the parcel names its holder by it; insurance: the record is keyed by it).
        public var withOldID = 0
        /// Records whose holder the database names by old ID but whose ID cell is empty (converted only after review).
        public var oldIDLost = 0
    }

    /// Writes every holder of the first `limit` parcels (all when nil).
    @discardableResult
    public static func writeLand(_ registry: NationalRegistry, to url: URL, seed: UInt64 = 1, limit: Int? = nil) throws -> Written {
        var random = SplitMix64(seed: seed ^ 0x4C41_4E44)
        var written = Written()
        try write(to: url, header: landHeader) { emit in
            for position in 0..<min(limit ?? registry.landParcelCount, registry.landParcelCount) {
                guard let parcel = registry.landParcel(at: position) else { continue }
                for owner in parcel.owners {
                    let person: PopulationRecord?
                    var id: String
                    switch owner {
                    case .citizenID(let citizen):
                        person = registry.person(id: citizen)
                        id = random.chance(0.2) ? "" : citizen.value
                    case .legacyID(let legacy):
                        person = registry.person(legacyID: legacy)
                        id = legacy.value
                        if random.chance(0.12) {
                            id = ""
                            written.oldIDLost += 1
                        } else {
                            written.withOldID += 1
                        }
                    }
                    guard let person else { continue }
                    // Certificates rarely carry the date of birth.
                    let born = random.chance(0.1) ? slashed(person.dateOfBirth) : ""
                    emit([
                        parcel.parcelID, parcel.communeCode, String(parcel.mapSheet), String(parcel.parcelNumber), damaged(person.fullName, &random), id, born,
                        address(person.permanentAddress.text, &random),
                    ])
                    written.records += 1
                }
            }
        }
        return written
    }

    /// Writes the insurance participants among the first `limit` people (all when nil).
    @discardableResult
    public static func writeInsurance(_ registry: NationalRegistry, to url: URL, seed: UInt64 = 1, limit: Int? = nil) throws -> Written {
        var random = SplitMix64(seed: seed ^ 0x4248_5848)
        var written = Written()
        try write(to: url, header: insuranceHeader) { emit in
            for position in 0..<min(limit ?? registry.personCount, registry.personCount) {
                guard let person = registry.person(at: position), let record = registry.insurance(for: person.citizenID) else { continue }
                var id = ""
                if let legacy = record.holderLegacyID {
                    if random.chance(0.1) {
                        written.oldIDLost += 1
                    } else {
                        id = legacy.value
                        written.withOldID += 1
                    }
                } else if let holder = record.holderID, !random.chance(0.08) {
                    id = holder.value
                }
                let roll = random.unit()
                let born =
                    roll < 0.8 ? slashed(person.dateOfBirth)
                    : roll < 0.95 ? person.dateOfBirth.description
                    : roll < 0.98 ? "\(person.dateOfBirth.day)/\(person.dateOfBirth.month)/\(person.dateOfBirth.year)"
                    : String(person.dateOfBirth.year)
                emit([
                    record.socialInsuranceNumber, damaged(person.fullName, &random), born, random.chance(0.03) ? "" : (person.sex == .female ? "Nữ" : "Nam"),
                    id, record.clinicCode,
                ])
                written.records += 1
            }
        }
        return written
    }

    // MARK: - Damage

    static func slashed(_ date: LocalDate) -> String {
        let day = date.day < 10 ? "0\(date.day)" : "\(date.day)"
        let month = date.month < 10 ? "0\(date.month)" : "\(date.month)"
        return "\(day)/\(month)/\(date.year)"
    }

    /// A name as clerks typed it: 3% a one-letter typo in the given name, 7% without diacritics, 10% in capitals.
    static func damaged(_ name: String, _ random: inout SplitMix64) -> String {
        var words = name.split(separator: " ").map(String.init)
        if random.chance(0.03), var given = words.last.map(Array.init), given.count >= 3 {
            let position = random.int(1...(given.count - 1))
            let letters = Array("aeiouynhtcgm")
            var replacement = letters[random.int(0...(letters.count - 1))]
            if replacement == given[position] { replacement = replacement == "a" ? "e" : "a" }
            given[position] = replacement
            words[words.count - 1] = String(given)
        }
        var text = words.joined(separator: " ")
        if random.chance(0.07) { text = withoutDiacritics(text) }
        if random.chance(0.1) { text = text.uppercased() }
        return text
    }

    /// An address as written on a certificate: the house number dropped (30%), prefixes abbreviated ("Xã" → "X.",
    /// 25%), without diacritics (10%), or nothing (4%).
    static func address(_ text: String, _ random: inout SplitMix64) -> String {
        if random.chance(0.04) { return "" }
        var parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.count > 2, parts[0].hasPrefix("Số "), random.chance(0.3) { parts.removeFirst() }
        if random.chance(0.25) {
            parts = parts.map { part in
                for (long, short) in [("Xã ", "X. "), ("Phường ", "P. "), ("Tỉnh ", "T. "), ("Thôn ", "Th. ")] where part.hasPrefix(long) {
                    return short + part.dropFirst(long.count)
                }
                return part
            }
        }
        let joined = parts.joined(separator: ", ")
        return random.chance(0.1) ? withoutDiacritics(joined) : joined
    }

    static func withoutDiacritics(_ text: String) -> String {
        text.replacingOccurrences(of: "Đ", with: "D").replacingOccurrences(of: "đ", with: "d")
            .folding(options: .diacriticInsensitive, locale: nil)
    }

    // MARK: - Writing

    /// Writes rows under a temporary name, renamed into place only when complete.
    static func write(to url: URL, header: String, _ body: (_ emit: ([String]) -> Void) throws -> Void) throws {
        let partial = url.appendingPathExtension("partial")
        FileManager.default.createFile(atPath: partial.path, contents: nil)
        let handle = try FileHandle(forWritingTo: partial)
        var buffer: [UInt8] = Array((header + "\n").utf8)
        var failure: (any Error)?
        try body { fields in
            guard failure == nil else { return }
            for (index, field) in fields.enumerated() {
                if index > 0 { buffer.append(0x2C) }
                CSVCell.append(field, to: &buffer)
            }
            buffer.append(0x0A)
            if buffer.count > 1 << 20 {
                do { try handle.write(contentsOf: buffer) } catch { failure = error }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if let failure { throw failure }
        try handle.write(contentsOf: buffer)
        try handle.close()
        _ = try? FileManager.default.removeItem(at: url)
        try FileManager.default.moveItem(at: partial, to: url)
    }
}
