extension QRMatrix {
    /// The penalty score of ISO/IEC 18004 §7.8.3 (Table 11); the encoder keeps the mask with the lowest.
    ///
    /// Where the standard's text leaves room, this follows the reading of ZXing and of the thonky.com
    /// worked example: the finder-like pattern 1:1:3:1:1 counts once when four light modules inside the
    /// symbol lie before or after it (the symbol's edge does not count as light). QRCodeTests reproduces
    /// both published results.
    var penalty: Int {
        let lines = linePenalties
        return lines.runs + sameColourBlockPenalty + lines.finders + balancePenalty
    }

    /// N1, rule 1 alone.
    var sameColourRunPenalty: Int { linePenalties.runs }

    /// N3, rule 3 alone.
    var finderLikePenalty: Int { linePenalties.finders }

    /// Rules 1 and 3 over every row and column.
    ///
    /// The rules run eight times per symbol (once per mask) over modules that look random, so each line is
    /// walked once, with the arithmetic written to avoid branches the processor cannot predict.
    private var linePenalties: (runs: Int, finders: Int) {
        modules.withUnsafeBufferPointer { grid in
            var total = (runs: 0, finders: 0)
            for line in 0..<size {
                for (start, step) in [(line * size, 1), (line, size)] {
                    let penalties = Self.linePenalties(grid, size: size, start: start, step: step)
                    total.runs += penalties.runs
                    total.finders += penalties.finders
                }
            }
            return total
        }
    }

    /// Rules 1 and 3 along one row (`step` 1) or column (`step` = size).
    ///
    /// N1: a run of five or more same-coloured modules scores 3, plus 1 per module beyond five; that is,
    /// 3 when a run reaches its fifth module and 1 for each module after.
    /// N3: dark-light-dark-dark-dark-light-dark (1:1:3:1:1) with four light modules after it (the last 11
    /// modules read 10111010000) or before it (00001011101) scores 40; a pattern with light on both sides
    /// (the last 15 read 000010111010000) matched both ways and is counted once.
    private static func linePenalties(
        _ grid: UnsafeBufferPointer<Bool>, size: Int, start: Int, step: Int
    ) -> (runs: Int, finders: Int) {
        var runs = 0, finders = 0
        var run = 0
        var previous = false
        var window: UInt32 = 0  // the last 15 modules, newest in bit 0, 1 = dark
        for i in 0..<size {
            let dark = grid[start + i * step]
            run = i > 0 && dark == previous ? run + 1 : 1
            previous = dark
            runs += (run == 5 ? 3 : 0) + (run > 5 ? 1 : 0)
            window = (window << 1 | (dark ? 1 : 0)) & 0x7FFF
            if i >= 10 {
                let last11 = window & 0x7FF
                finders += (last11 == 0b101_1101_0000 ? 40 : 0) + (last11 == 0b000_0101_1101 ? 40 : 0)
                if i >= 14 && window == 0b000_0101_1101_0000 { finders -= 40 }
            }
        }
        return (runs, finders)
    }

    /// N2: each 2×2 block of one colour scores 3 (overlapping blocks all count).
    var sameColourBlockPenalty: Int {
        modules.withUnsafeBufferPointer { grid in
            var blocks = 0
            for y in 0..<(size - 1) {
                for x in 0..<(size - 1) {
                    let index = y * size + x
                    let a = grid[index], b = grid[index + 1], c = grid[index + size], d = grid[index + size + 1]
                    blocks += (a == b) && (a == c) && (a == d) ? 1 : 0
                }
            }
            return 3 * blocks
        }
    }

    /// N4: 10 for every full 5 % by which the share of dark modules departs from 50 %.
    var balancePenalty: Int {
        let dark = modules.reduce(0) { $0 + ($1 ? 1 : 0) }
        return abs(dark * 2 - modules.count) * 10 / modules.count * 10
    }
}
