import Foundation
import MotCuaDomain
import MotCuaStorage

/// Charts drawn on the server as inline SVG: presentation attributes only (no style attribute, no script), so
/// the page's strict content-security policy applies, with a text alternative for screen readers.
enum SVGChart {
    struct Bar {
        let label: String
        let value: Double
        /// Shown at the end of the bar (defaults to the value).
        var text: String?
        var colour = "#2b6cb0"
    }

    /// Horizontal bars, one per row, labels on the left, large text for a wall screen.
    static func horizontalBars(_ bars: [Bar], title: String, maximum: Double? = nil, width: Int = 640) -> String {
        let rowHeight = 34, labelWidth = 230, valueWidth = 90
        let height = max(1, bars.count) * rowHeight + 8
        let top = max(maximum ?? 0, bars.map(\.value).max() ?? 0, 1)
        let barSpace = Double(width - labelWidth - valueWidth)
        var parts: [String] = []
        for (index, bar) in bars.enumerated() {
            let y = index * rowHeight + 4
            let length = Int((max(bar.value, 0) / top * barSpace).rounded())
            parts.append(
                """
                <text x="\(labelWidth - 8)" y="\(y + 23)" text-anchor="end" font-size="20" fill="#111">\(bar.label.htmlEscaped)</text>\
                <rect x="\(labelWidth)" y="\(y + 4)" width="\(length)" height="\(rowHeight - 10)" fill="\(bar.colour)"/>\
                <text x="\(labelWidth + length + 8)" y="\(y + 23)" font-size="20" font-weight="700" fill="#111">\((bar.text ?? IndexEngine.number(bar.value)).htmlEscaped)</text>
                """)
        }
        return svg(width: width, height: height, title: title, body: parts.joined())
    }

    /// Daily columns (received) with a line over them (a rate 0…1 on its own scale), for the trend.
    static func columnsWithRate(_ days: [(label: String, value: Int, rate: Double?)], title: String, width: Int = 960) -> String {
        let height = 260, left = 50, right = 60, bottom = 40, top = 14
        let plotWidth = Double(width - left - right), plotHeight = Double(height - top - bottom)
        let maximum = Double(max(days.map(\.value).max() ?? 0, 1))
        let step = plotWidth / Double(max(days.count, 1))
        var parts: [String] = [
            "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - right)\" y2=\"\(height - bottom)\" stroke=\"#444\"/>",
            "<text x=\"\(left - 6)\" y=\"\(top + 12)\" text-anchor=\"end\" font-size=\"16\" fill=\"#2b6cb0\">\(Int(maximum))</text>",
            "<text x=\"\(width - right + 6)\" y=\"\(top + 12)\" font-size=\"16\" fill=\"#c05621\">100%</text>",
            "<text x=\"\(width - right + 6)\" y=\"\(height - bottom)\" font-size=\"16\" fill=\"#c05621\">0%</text>",
        ]
        var points: [String] = []
        for (index, day) in days.enumerated() {
            let x = Double(left) + Double(index) * step
            let h = Double(day.value) / maximum * plotHeight
            parts.append(
                "<rect x=\"\(Int(x + 2))\" y=\"\(Int(Double(height - bottom) - h))\" width=\"\(max(1, Int(step) - 4))\" height=\"\(Int(h))\" fill=\"#90cdf4\"><title>\(day.label.htmlEscaped): \(day.value)</title></rect>")
            if let rate = day.rate {
                points.append("\(Int(x + step / 2)),\(Int(Double(height - bottom) - rate * plotHeight))")
            }
            if index % 5 == 0 || index == days.count - 1 {
                parts.append("<text x=\"\(Int(x + step / 2))\" y=\"\(height - bottom + 24)\" text-anchor=\"middle\" font-size=\"16\" fill=\"#111\">\(day.label.htmlEscaped)</text>")
            }
        }
        if points.count > 1 {
            parts.append("<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"#c05621\" stroke-width=\"3\"/>")
        }
        return svg(width: width, height: height, title: title, body: parts.joined())
    }

    static func svg(width: Int, height: Int, title: String, body: String) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 \(width) \(height)" width="100%" \
        preserveAspectRatio="xMinYMin meet"><title>\(title.htmlEscaped)</title>\(body)</svg>
        """
    }
}
