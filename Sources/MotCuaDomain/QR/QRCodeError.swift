/// Why a QR code could not be made.
///
/// The message names the limit that was hit, in Vietnamese and English; it never repeats the data, which
/// may hold personal details.
public struct QRCodeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The rule that failed.
    public enum Reason: Sendable, Hashable {
        /// The data does not fit in the largest symbol (version 40) at this error-correction level.
        case tooLong(byteCount: Int, maximum: Int, correction: QRCode.Correction)
    }

    public let reason: Reason

    public init(_ reason: Reason) {
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .tooLong(let byteCount, let maximum, let correction):
            "Dữ liệu dài \(byteCount) byte, mã QR mức sửa lỗi \(correction.letter) chứa tối đa \(maximum) byte (phiên bản 40)"
                + " / the data is \(byteCount) bytes; a QR code at error-correction level \(correction.letter)"
                + " holds at most \(maximum) bytes (version 40)"
        }
    }
}
