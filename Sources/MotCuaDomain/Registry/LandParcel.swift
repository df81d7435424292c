/// A land parcel (thửa đất) in the synthetic land register.
public struct LandParcel: Sendable, Hashable, Codable {
    /// Land-use type, by the codes of the land-use classification [S: codes as used in cadastral data].
    public enum Use: String, Sendable, Hashable, Codable, CaseIterable {
        /// Đất ở tại nông thôn: rural residential land.
        case ruralResidential = "ONT"
        /// Đất ở tại đô thị: urban residential land.
        case urbanResidential = "ODT"
        /// Đất chuyên trồng lúa nước: rice land.
        case rice = "LUC"
        /// Đất trồng cây lâu năm: perennial crops (lychee orchards of Lục Ngạn).
        case perennialCrops = "CLN"
    }

    /// `<commune code>-<map sheet>-<parcel number>`, e.g. "07444-3-127" (tờ bản đồ 3, thửa 127).
    public var parcelID: String
    public var communeCode: String
    /// Map sheet number (tờ bản đồ số).
    public var mapSheet: Int
    /// Parcel number on the sheet (thửa đất số).
    public var parcelNumber: Int
    /// Area in square metres, to 0.1 m² as on certificates.
    public var areaSquareMetres: Double
    public var use: Use
    /// One or two holders; spouses usually hold jointly.
    public var owners: [LandOwner]

    public init(
        parcelID: String, communeCode: String, mapSheet: Int, parcelNumber: Int, areaSquareMetres: Double, use: Use,
        owners: [LandOwner]
    ) {
        self.parcelID = parcelID
        self.communeCode = communeCode
        self.mapSheet = mapSheet
        self.parcelNumber = parcelNumber
        self.areaSquareMetres = areaSquareMetres
        self.use = use
        self.owners = owners
    }
}
