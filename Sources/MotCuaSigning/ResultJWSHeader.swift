import Foundation
import MotCuaDomain

/// The protected header of a result signature (JWS, RFC 7515), serialised in canonical JSON:
///
///     {"alg":"ES256","kid":"<x5t#S256 of the leaf>","sigT":"2026-11-30T10:00:00Z",
///      "typ":"motcua-result+jws","x5c":["<leaf DER, base64>","<CA DER, base64>"]}
///
/// `sigT` is the claimed signing time in the form ETSI JAdES (TS 119 182-1) uses; certificate validity and
/// revocation are judged at that instant.
struct ResultJWSHeader: Decodable {
    static let algorithm = "ES256"
    static let type = "motcua-result+jws"

    let alg: String
    let kid: String?
    let typ: String?
    let sigT: String?
    let x5c: [String]?
    let crit: [String]?

    static func encode(keyID: String, signingTime: Date, chain: [Data]) throws -> Data {
        try CanonicalJSON.object([
            "alg": .string(algorithm),
            "kid": .string(keyID),
            "sigT": .string(formatSigningTime(signingTime)),
            "typ": .string(type),
            "x5c": .array(chain.map { .string($0.base64EncodedString()) }),
        ]).serialized()
    }

    static func formatSigningTime(_ instant: Date) -> String {
        instant.formatted(Date.ISO8601FormatStyle())
    }

    static func parseSigningTime(_ text: String) -> Date? {
        try? Date.ISO8601FormatStyle().parse(text)
    }
}
