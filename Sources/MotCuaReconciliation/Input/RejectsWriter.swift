import Foundation

/// Writes skipped rows, with file, line, column and reason, to a CSV the user can fix and re-run.
enum RejectsWriter {
    static func write(to url: URL, _ files: [(DelimitedFile, [RowReject])]) throws {
        let output = try AtomicFile(url)
        var bytes = Array("file,line,column,column_name,message,raw_row\n".utf8)
        for (file, rejects) in files {
            let sorted = rejects.sorted { $0.offset < $1.offset }
            let issues = RowLoader.describe(sorted, in: file)
            for (reject, error) in zip(sorted, issues) {
                let issue = error.issue
                let column: String = issue.column.map { String($0) } ?? ""
                let cells: [String] = [issue.file, String(issue.line), column, issue.columnName ?? "", issue.message, file.rawRow(at: reject.offset)]
                for (index, cell) in cells.enumerated() {
                    if index > 0 { bytes.append(0x2C) }
                    FindingEncoding.appendCSVField(cell, to: &bytes)
                }
                bytes.append(0x0A)
            }
        }
        do {
            try output.write(bytes)
            try output.commit()
        } catch {
            output.discard()
            throw error
        }
    }
}
