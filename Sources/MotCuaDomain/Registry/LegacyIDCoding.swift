
// LegacyID's synthesised Codable writes {"value": "…"}; the registry's JSON carries the old ID as a plain
// string like the citizen ID, so records encode it through these helpers.
extension KeyedEncodingContainer {
    mutating func encodeLegacyID(_ id: LegacyID?, forKey key: Key) throws {
        try encodeIfPresent(id?.value, forKey: key)
    }
}

extension KeyedDecodingContainer {
    func decodeLegacyID(forKey key: Key) throws -> LegacyID? {
        guard let raw = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let id = LegacyID(raw) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "an old ID has 9 digits")
        }
        return id
    }
}
