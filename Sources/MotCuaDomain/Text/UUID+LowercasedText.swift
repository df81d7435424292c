import Foundation

extension UUID {
    /// The canonical lower-case text of the identifier, as stored and hashed everywhere (`uuidString.lowercased()`),
    /// without the `snprintf` that `uuidString` runs for each call: it showed up among the receipt path's largest
    /// costs, where every history entry hashes and binds its dossier's identifier several times.
    public var lowercasedText: String {
        String(unsafeUninitializedCapacity: 36) { buffer in
            let digits: StaticString = "0123456789abcdef"
            var index = 0
            withUnsafeBytes(of: uuid) { bytes in
                for (position, byte) in bytes.enumerated() {
                    if position == 4 || position == 6 || position == 8 || position == 10 {
                        buffer[index] = UInt8(ascii: "-")
                        index += 1
                    }
                    buffer[index] = digits.utf8Start[Int(byte >> 4)]
                    buffer[index + 1] = digits.utf8Start[Int(byte & 0x0F)]
                    index += 2
                }
            }
            return index
        }
    }
}
