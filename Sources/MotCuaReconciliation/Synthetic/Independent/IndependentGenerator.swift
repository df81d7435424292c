import Foundation
import MotCuaDomain

/// A second test-data generator, written apart from ``SyntheticGenerator`` and never used to tune the
/// engine, so that quality measured on it says how the engine does on data it was not shaped by.
///
/// It differs on purpose in everything but the register's file format (the national database export):
/// its own random source (xoshiro256**), name lists and shares, age pyramid and corruption processes
/// (an omitted middle name, a one-letter typo, given and middle name swapped, missing diacritics on the
/// whole name or one word, upper case), dates as DD/MM/YYYY, D/M/YYYY, DD.MM.YYYY or a bare year with a day
/// off by one or day and month swapped, one ID column holding a 12-digit ID (sometimes grouped with
/// spaces, sometimes with its leading zero lost), an old 9-digit ID or nothing, a free-text place of birth
/// in pre- or post-merger form instead of a commune code, Vietnamese column names (a mapping file is
/// written next to the data), and one person appearing in several records (several procedures).
public enum IndependentGenerator {
    /// Column names of the source file and the mapping that reads it.
    static let sourceHeader = "ma_ho_so,loai_thu_tuc,ngay_tiep_nhan,so_giay_to,ho_va_ten,gioi_tinh,ngay_sinh,noi_sinh\n"
    static let mapping = ColumnMapping(columns: [
        "record_id": "ma_ho_so", "citizen_id": "so_giay_to", "full_name": "ho_va_ten", "sex": "gioi_tinh", "date_of_birth": "ngay_sinh",
        "place": "noi_sinh",
    ])

    /// The procedures a record can be about; a person's several records are about different ones.
    static let procedures = [
        "Đăng ký khai sinh", "Đăng ký kết hôn", "Cấp bản sao trích lục hộ tịch", "Đăng ký thường trú", "Cấp giấy xác nhận tình trạng hôn nhân",
        "Đăng ký khai tử", "Chứng thực bản sao", "Đăng ký biến động đất đai",
    ]

    /// Writes `register.csv`, `source.csv`, `truth.csv` and `source-mapping.json` into `options.directory`;
    /// the files appear only when all are complete. `options.errors` is not used: this generator has its
    /// own, fixed corruption processes.
    public static func generate(_ options: SyntheticOptions, progress: ProgressHandler? = nil) throws -> SyntheticDataset {
        guard options.people > 0, options.records > 0, Double(options.records) <= Double(options.people) * 1.2 else {
            throw SyntheticOptionsError(message: "records must be positive and at most 120% of people")
        }
        let tracker = ProgressTracker(handler: progress)
        tracker.begin(.generating, total: options.people + options.records)
        var random = Xoshiro256(seed: options.seed)
        let population = IndependentPopulation.make(count: options.people, random: &random)
        tracker.add(processed: options.people)
        let dataset = SyntheticDataset(
            register: options.directory.appendingPathComponent("register.csv"),
            source: options.directory.appendingPathComponent("source.csv"),
            truth: options.directory.appendingPathComponent("truth.csv"))
        let files = try [dataset.register, dataset.source, dataset.truth].map(AtomicFile.init)
        do {
            try population.write(to: files[0])
            var source = BufferedOutput(files[1])
            var truth = BufferedOutput(files[2])
            source.append(sourceHeader)
            truth.append(GroundTruth.header)
            var writer = IndependentRecordWriter(population: population, random: random)
            try writer.writeRecords(count: options.records, source: &source, truth: &truth, tracker: tracker)
            try source.flush()
            try truth.flush()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(mapping).write(to: options.directory.appendingPathComponent("source-mapping.json"), options: .atomic)
            for file in files { try file.commit() }
        } catch {
            for file in files { file.discard() }
            throw error
        }
        return dataset
    }
}

/// xoshiro256** (Blackman and Vigna), seeded through SplitMix64 as its authors recommend.
struct Xoshiro256: Sendable {
    private var s: (UInt64, UInt64, UInt64, UInt64)

    init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed ^ 0x1D_E9E4_D3B5)
        s = (seeder.next(), seeder.next(), seeder.next(), seeder.next())
    }

    mutating func next() -> UInt64 {
        let result = (s.1 &* 5).rotated(7) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = s.3.rotated(45)
        return result
    }

    /// Uniform in `0..<bound`.
    mutating func int(_ bound: Int) -> Int { Int((next() >> 11) % UInt64(bound)) }
    mutating func probability(_ p: Double) -> Bool { Double(next() >> 11) / 9_007_199_254_740_992 < p }
    mutating func element<T>(_ values: [T]) -> T { values[int(values.count)] }
}

extension UInt64 {
    fileprivate func rotated(_ count: UInt64) -> UInt64 { (self << count) | (self >> (64 - count)) }
}
