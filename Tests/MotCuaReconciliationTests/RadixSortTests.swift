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

    @Test("sorting by a key keeps the input order among equal keys, as the duplicate finder needs")
    func sortingByAKeyIsStable() {
        var generator = SplitMix64(seed: 7)
        for count in [0, 1, 3, 4_095, 4_096, 60_000] {
            // Few distinct keys, so most elements tie; the position is the payload.
            var pairs = (0..<count).map { (key: generator.next() % 97 << 40 | generator.next() % 3, position: $0) }
            let expected = pairs.enumerated().sorted { $0.element.key != $1.element.key ? $0.element.key < $1.element.key : $0.offset < $1.offset }
                .map(\.element.position)
            RadixSort.sort(&pairs, key: \.key)
            #expect(pairs.map(\.position) == expected, "\(count) pairs")
        }
    }
}
