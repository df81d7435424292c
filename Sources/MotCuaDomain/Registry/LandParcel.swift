import Foundation

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

extension LandParcel {
    /// The parts of a parcel ID `<5-digit commune code>-<map sheet>-<parcel number>`, or nil when it is not one.
    public static func idParts(_ id: String) -> (communeCode: String, mapSheet: Int, parcelNumber: Int)? {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 5, parts.allSatisfy({ !$0.isEmpty && $0.count <= 6 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let sheet = Int(parts[1]), let number = Int(parts[2]), sheet >= 1, number >= 1
        else { return nil }
        return (String(parts[0]), sheet, number)
    }

    /// An area as a certificate writes it, "152.5" or "152,5" (the Vietnamese decimal comma), in m², rounded to
    /// 0.1 m²; nil unless it is a positive number below 100 km².
    public static func area(_ text: String) -> Double? {
        let normalised = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        guard !normalised.isEmpty, normalised.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            let value = Double(normalised), value > 0, value < 100_000_000
        else { return nil }
        return (value * 10).rounded() / 10
    }
}

extension LandParcel.Use {
    /// The use a certificate names, by its code ("ONT") or its name ("Đất ở tại nông thôn"), case-insensitively;
    /// nil for any other text.
    public init?(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping.lowercased()
        let names: [Self: String] = [
            .ruralResidential: "đất ở tại nông thôn", .urbanResidential: "đất ở tại đô thị", .rice: "đất chuyên trồng lúa nước",
            .perennialCrops: "đất trồng cây lâu năm",
        ]
        guard let use = Self.allCases.first(where: { $0.rawValue.lowercased() == trimmed || names[$0] == trimmed }) else { return nil }
        self = use
    }
}
