import Foundation

extension StringProtocol {
    /// The text in Unicode normalization form C (NFC), the form the platform stores and compares.
    ///
    /// Text made only of scalars below U+0300 or of Latin Extended Additional (U+1E00–U+1EFF, the precomposed
    /// Vietnamese letters) is returned as it is: each of those scalars is unchanged by NFC, has canonical combining
    /// class 0 and is never the second part of a canonical composition, so no sequence of them can change. That is
    /// nearly every name and form value; Foundation's normalisation, which bridges through `NSString`, runs only for
    /// the rest (combining marks, other scripts).
    public var nfc: String {
        for scalar in unicodeScalars where scalar.value >= 0x300 && !(0x1E00...0x1EFF).contains(scalar.value) {
            return precomposedStringWithCanonicalMapping
        }
        return String(self)
    }
}
