/// Reed–Solomon error correction over GF(2⁸) as QR codes use it (ISO/IEC 18004 §7.5.2): the field is
/// built on the primitive polynomial x⁸ + x⁴ + x³ + x² + 1 (0x11D) with generator α = 2, and the code's
/// generator polynomial of degree n is (x − α⁰)(x − α¹)…(x − αⁿ⁻¹).
enum QRReedSolomon {
    /// `exp[i]` = αⁱ for i in 0..<255, repeated once more so that `exp[log a + log b]` needs no modulo.
    static let exp: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 510)
        var value = 1
        for i in 0..<255 {
            table[i] = UInt8(value)
            table[i + 255] = UInt8(value)
            value <<= 1
            if value & 0x100 != 0 { value ^= 0x11D }
        }
        return table
    }()

    /// `log[a]` = i such that αⁱ = a, for a in 1...255 (`log[0]` is unused).
    static let log: [Int] = {
        var table = [Int](repeating: 0, count: 256)
        for i in 0..<255 { table[Int(exp[i])] = i }
        return table
    }()

    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        if a == 0 || b == 0 { return 0 }
        return exp[log[Int(a)] + log[Int(b)]]
    }

    /// The generator polynomial of the given degree, coefficients from the highest power down, leading 1 included.
    static func generator(degree: Int) -> [UInt8] {
        var polynomial: [UInt8] = [1]
        for i in 0..<degree {
            // Multiply by (x + αⁱ); in GF(2⁸) subtraction is addition (XOR).
            var next = polynomial + [0]
            for (j, coefficient) in polynomial.enumerated() {
                next[j + 1] ^= multiply(coefficient, exp[i])
            }
            polynomial = next
        }
        return polynomial
    }

    /// The error-correction codewords for `data`: the remainder of data(x)·xⁿ divided by the generator.
    static func remainder(of data: ArraySlice<UInt8>, generator: [UInt8]) -> [UInt8] {
        let degree = generator.count - 1
        var result = [UInt8](repeating: 0, count: degree)
        for byte in data {
            let factor = byte ^ result[0]
            result.removeFirst()
            result.append(0)
            if factor == 0 { continue }
            for i in 0..<degree {
                result[i] ^= multiply(generator[i + 1], factor)
            }
        }
        return result
    }
}
