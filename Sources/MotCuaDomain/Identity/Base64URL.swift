import Foundation

/// Base64url without padding (RFC 4648 §5): the alphabet of JWTs, PKCE and the platform's bearer tokens,
/// safe in URLs, cookies and form fields without further escaping.
public enum Base64URL {
    public static func encode(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public static func decode(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }

    /// `bytes` bytes from the system's cryptographic generator, encoded: for codes, states, nonces and verifiers.
    public static func randomToken(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return encode(Data((0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }))
    }
}
