
/// An owner (land-use right holder) as the land register names them: by citizen ID, or, where the record was
/// never converted, by the old 9-digit ID only.
public enum LandOwner: Sendable, Hashable, Codable {
    case citizenID(CitizenID)
    case legacyID(LegacyID)

    enum CodingKeys: String, CodingKey {
        case citizenID, legacyID
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let id = try container.decodeIfPresent(CitizenID.self, forKey: .citizenID) {
            self = .citizenID(id)
        } else if let legacy = try container.decodeLegacyID(forKey: .legacyID) {
            self = .legacyID(legacy)
        } else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "an owner has a citizenID or a legacyID"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .citizenID(let id): try container.encode(id, forKey: .citizenID)
        case .legacyID(let id): try container.encodeLegacyID(id, forKey: .legacyID)
        }
    }
}
