import Foundation

extension String {
    /// Whether the text is already in Unicode Normalization Form C.
    ///
    /// Swift's `==` treats NFC and NFD as equal, so the check compares scalars: stored text must be NFC
    /// because databases, hashes and JSON diffs compare bytes.
    var isNFC: Bool {
        unicodeScalars.elementsEqual(precomposedStringWithCanonicalMapping.unicodeScalars)
    }

    /// Whether the text is empty or only white space.
    var isBlank: Bool {
        allSatisfy(\.isWhitespace)
    }
}
