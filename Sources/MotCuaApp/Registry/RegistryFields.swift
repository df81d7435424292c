import MotCuaDomain

/// The groups of fields each national database returns, as the access log names them, with the words a
/// citizen reads in "who used my data".
enum RegistryFields {
    static func fields(of registry: RegistrySource) -> [String] {
        switch registry {
        case .population: ["identity", "residence", "marital_status", "family"]
        case .civilStatus: ["civil_status_registrations"]
        case .socialInsurance: ["insurance_card", "registered_clinic"]
        case .land: ["land_parcels"]
        case .tax: ["tax_registration"]
        case .business: ["household_businesses"]
        }
    }

    /// The field of a download of a dossier's scanned document (the access log's `registry` is then the archive).
    static let scannedDocument = "scanned_document"
    /// The field of an official's view of a person's archive (results and scans) through a dossier.
    static let personalArchive = "personal_archive"
    /// The field of an opening of an archive item through a share the person made.
    static func shared(_ kind: ArchiveItem.Kind) -> String { "shared_" + kind.rawValue }
    /// The field of a download of the scanned legacy register page a civil-status record of the person is on.
    static let legacyRegisterPage = "legacy_register_page"

    static func describe(_ field: String) -> (vi: String, en: String) {
        switch field {
        case scannedDocument: ("Bản quét giấy tờ trong hồ sơ", "scanned document of the dossier")
        case personalArchive: ("Kho dữ liệu cá nhân (kết quả, bản quét)", "personal archive (results and scans)")
        case "shared_result": ("Kết quả giải quyết bạn đã chia sẻ", "a result you shared")
        case "shared_document": ("Giấy tờ số hóa bạn đã chia sẻ", "a digitised document you shared")
        case legacyRegisterPage: ("Trang sổ hộ tịch giấy đã số hoá", "digitised page of a paper civil-status register")
        case "identity": ("Thông tin nhân thân", "identity")
        case "residence": ("Nơi thường trú, nơi ở hiện tại", "residence")
        case "marital_status": ("Tình trạng hôn nhân", "marital status")
        case "family": ("Quan hệ gia đình, chủ hộ", "family and household")
        case "civil_status_registrations": ("Đăng ký hộ tịch (khai sinh, kết hôn, ly hôn, khai tử)", "civil-status registrations")
        case "insurance_card": ("Thẻ bảo hiểm y tế", "health-insurance card")
        case "registered_clinic": ("Nơi đăng ký khám chữa bệnh ban đầu", "registered clinic")
        case "land_parcels": ("Thửa đất", "land parcels")
        case "tax_registration": ("Đăng ký thuế", "tax registration")
        case "household_businesses": ("Hộ kinh doanh", "household businesses")
        default: (field, field)
        }
    }
}
