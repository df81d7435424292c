/// The eight data mask patterns of ISO/IEC 18004 §7.8.2 (Table 10): a module at column x, row y is
/// inverted where the condition holds.
struct QRMask: Sendable, Hashable {
    /// The mask pattern reference, 0...7, as written in the format information.
    let reference: Int

    init(_ reference: Int) {
        precondition((0...7).contains(reference), "QR mask references run from 0 to 7")
        self.reference = reference
    }

    static let all = (0...7).map(QRMask.init)

    func inverts(x: Int, y: Int) -> Bool {
        switch reference {
        case 0: (x + y) % 2 == 0
        case 1: y % 2 == 0
        case 2: x % 3 == 0
        case 3: (x + y) % 3 == 0
        case 4: (x / 3 + y / 2) % 2 == 0
        case 5: (x * y) % 2 + (x * y) % 3 == 0
        case 6: ((x * y) % 2 + (x * y) % 3) % 2 == 0
        default: ((x + y) % 2 + (x * y) % 3) % 2 == 0
        }
    }
}
