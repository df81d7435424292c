/// Indices 0..<n drawn with given weights, by binary search over cumulative weights.
struct WeightedTable: Sendable {
    let cumulative: [Double]

    init(_ weights: [Double]) {
        var total = 0.0
        cumulative = weights.map {
            total += $0
            return total
        }
    }

    func pick(_ random: inout SplitMix64) -> Int {
        let target = random.unit() * cumulative[cumulative.count - 1]
        var lower = 0
        var upper = cumulative.count - 1
        while lower < upper {
            let middle = (lower + upper) / 2
            if cumulative[middle] <= target { lower = middle + 1 } else { upper = middle }
        }
        return lower
    }
}
