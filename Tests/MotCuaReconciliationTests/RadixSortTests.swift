import Testing

@testable import MotCuaReconciliation

@Suite struct RadixSortTests {
    @Test("the radix sort orders any 64-bit values exactly as the standard library's sort does")
    func sameOrderAsTheStandardSort() {
        var generator = SplitMix64(seed: 42)
        let shapes: [(String, (inout SplitMix64) -> UInt64)] = [
            ("full range", { $0.next() }),
            ("blocking entries: a hash above 25 bits of index", { ($0.next() >> 25) << 25 | $0.next() & 0x1FF_FFFF }),
            ("few distinct values, many repeats", { $0.next() % 7 }),
            ("high digits all equal", { 0xABCD_0000_0000_0000 | $0.next() & 0xFFFF_FFFF }),
            ("extremes", { [UInt64.min, .max, 1 << 63, (1 << 63) - 1][Int($0.next() % 4)] }),
        ]
        for (name, draw) in shapes {
            for count in [0, 1, 2, 4_095, 4_096, 50_000] {
                var values = (0..<count).map { _ in draw(&generator) }
                let expected = values.sorted()
                RadixSort.sort(&values)
                #expect(values == expected, "\(name), \(count) values")
            }
        }
    }
}
