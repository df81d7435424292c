/// The kind of document a procedure ends in, which decides the legal fields a result carries and how it prints.
public enum ResultType: String, Sendable, Codable, Hashable, CaseIterable {
    /// Trích lục khai sinh.
    case birthCertificateExtract = "birth_certificate_extract"
    /// Giấy chứng nhận kết hôn.
    case marriageCertificate = "marriage_certificate"
    /// Giấy xác nhận tình trạng hôn nhân.
    case maritalStatusCertificate = "marital_status_certificate"
    /// Trích lục ghi chú ly hôn: a divorce decided by a court or abroad, recorded in the civil-status book.
    case divorceExtract = "divorce_extract"
    /// Trích lục khai tử.
    case deathExtract = "death_extract"
    /// Thẻ bảo hiểm y tế.
    case healthInsuranceCard = "health_insurance_card"
    /// Xác nhận thông tin về cư trú.
    case residenceConfirmation = "residence_confirmation"
    /// Giấy chứng nhận quyền sử dụng đất.
    case landUseCertificate = "land_use_certificate"
    /// Giấy chứng nhận đăng ký hộ kinh doanh.
    case householdBusinessRegistration = "household_business_registration"
}
