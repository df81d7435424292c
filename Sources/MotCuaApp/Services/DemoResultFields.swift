import Foundation
import MotCuaDomain

/// The legal fields of a populated result: fictitious but well-formed values for every field the result types
/// declare (names from the demo's lists, dates before the dossier, 12-digit identifiers that belong to nobody),
/// the applicant's name and identifier where the worksheet prefills them.
enum DemoResultFields {
    static func values(
        for spec: ResultTypeSpec, dossier: Dossier, agencyName: String, calendar: WorkingCalendar, random: inout SplitMix64
    ) -> [String: String] {
        func pick(_ items: [String]) -> String { items[Int(random.next() % UInt64(items.count))] }
        func name() -> String { pick(DemoPopulation.surnames) + " " + pick(DemoPopulation.givenNames) }
        func date(yearsBack: ClosedRange<Int>) -> String {
            let day = Double(Int(random.next() % UInt64(365 * (yearsBack.upperBound - yearsBack.lowerBound) + 1)) + 365 * yearsBack.lowerBound)
            let instant = (dossier.receivedAt ?? dossier.submittedAt).addingTimeInterval(-day * 86_400)
            let local = calendar.localDate(of: instant)
            return String(format: "%02d/%02d/%04d", local.day, local.month, local.year)
        }
        func identifier() -> String { String(format: "027%d%02d%06d", Int(random.next() % 2), Int(random.next() % 100), Int(random.next() % 1_000_000)) }
        let place = agencyName + ", tỉnh Bắc Ninh"
        var values: [String: String] = [:]
        for field in spec.fields {
            let value: String
            switch field.prefill {
            case "applicant.name": value = dossier.applicantName
            case "applicant.id": value = dossier.applicantID.value
            default:
                switch field.key {
                case "sex": value = pick(["Nam", "Nữ"])
                case "ethnicity": value = "Kinh"
                case "nationality": value = "Việt Nam"
                case "placeOfBirth": value = "Bệnh viện Sản Nhi Bắc Ninh"
                case "hometown", "residence", "residenceAddress", "businessAddress", "parcelAddress", "placeOfDeath": value = place
                case "dateOfBirth" where spec.type == .birthCertificateExtract: value = date(yearsBack: 0...0)
                case "dateOfBirth", "wifeDateOfBirth", "husbandDateOfBirth": value = date(yearsBack: 20...60)
                case "dateOfDeath": value = date(yearsBack: 0...0)
                case "causeOfDeath": value = "Bệnh"
                case "maritalStatus": value = pick(["Chưa đăng ký kết hôn với ai", "Đã ly hôn, chưa đăng ký kết hôn mới"])
                case "purpose": value = pick(["Đăng ký kết hôn", "Vay vốn ngân hàng", "Bổ sung hồ sơ xin việc"])
                case "insuranceNumber": value = "27" + String(format: "%08d", Int(random.next() % 100_000_000))
                case "primaryCareFacility": value = "Trạm y tế " + agencyName
                case "validFrom": value = date(yearsBack: 0...0)
                case "residenceType": value = pick(["Thường trú", "Tạm trú"])
                case "divorceDate": value = date(yearsBack: 0...2)
                case "decidingAuthority": value = pick(["Tòa án quận Cam, Hoa Kỳ", "Tòa án khu vực Seoul, Hàn Quốc"])
                case "decisionReference": value = "Bản án số \(Int(random.next() % 900) + 1)/" + date(yearsBack: 1...2).suffix(4)
                // The parcel ID names the demo ward's sheet and number; the two fields below are set from it.
                case "parcelID": value = "09187-\(Int(random.next() % 60) + 1)-\(Int(random.next() % 500) + 1)"
                case "parcelNumber": value = String(Int(random.next() % 900) + 1)
                case "mapSheet": value = String(Int(random.next() % 60) + 1)
                case "areaSquareMetres": value = String(Int(random.next() % 400) + 60)
                case "landUsePurpose": value = pick(["Đất ở tại nông thôn", "Đất ở tại đô thị", "Đất trồng cây hằng năm khác"])
                case "landUseTerm": value = pick(["Lâu dài", "Đến ngày 15/10/2063"])
                case "origin": value = "Nhà nước công nhận quyền sử dụng đất"
                case "businessName": value = "Hộ kinh doanh " + pick(["Minh Phát", "An Khang", "Thành Đạt", "Hoa Sen"])
                case "businessLines": value = pick(["Bán lẻ tạp hóa", "Dịch vụ ăn uống", "Sửa chữa xe máy"])
                case "capitalVND": value = String((Int(random.next() % 20) + 1) * 50_000_000)
                case let key where key.hasSuffix("ID"): value = identifier()
                case let key where key.hasSuffix("Name"): value = name()
                default: value = field.required ? name() : ""
                }
            }
            if !value.isEmpty { values[field.key] = value }
        }
        if let parcel = values["parcelID"].flatMap(LandParcel.idParts) {
            values["mapSheet"] = String(parcel.mapSheet)
            values["parcelNumber"] = String(parcel.parcelNumber)
        }
        return values
    }
}
