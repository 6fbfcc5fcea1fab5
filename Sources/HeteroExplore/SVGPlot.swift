import Foundation

/// A small, dependency-free scatter/line plot written as SVG text, readable in any browser or in a
/// Markdown viewer. Axes may be logarithmic; series may be joined by a line and drawn emphasised.
public struct SVGPlot: Sendable {
    public struct Series: Sendable {
        public var name: String
        public var color: String
        public var points: [(x: Double, y: Double)]
        /// Larger, outlined markers (a Pareto front).
        public var emphasized: Bool
        /// Join the points, sorted by x, with a line.
        public var connected: Bool

        public init(name: String, color: String, points: [(x: Double, y: Double)], emphasized: Bool = false, connected: Bool = false) {
            self.name = name
            self.color = color
            self.points = points
            self.emphasized = emphasized
            self.connected = connected
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var xLogarithmic: Bool
    public var yLogarithmic: Bool
    public var series: [Series]

    public static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]

    public init(title: String, xLabel: String, yLabel: String, xLogarithmic: Bool = false, yLogarithmic: Bool = false, series: [Series]) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xLogarithmic = xLogarithmic
        self.yLogarithmic = yLogarithmic
        self.series = series
    }

    private let width = 640.0
    private let height = 420.0
    private let left = 80.0
    private let right = 20.0
    private let top = 40.0
    private let bottom = 60.0

    /// The SVG document.
    public func render() -> String {
        let all = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        let xScale = Scale(values: all.map(\.x), logarithmic: xLogarithmic, from: left, to: width - right)
        let yScale = Scale(values: all.map(\.y), logarithmic: yLogarithmic, from: height - bottom, to: top)
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(Int(width / 2))" y="22" text-anchor="middle" font-size="15">\(Self.escape(title))</text>

            """
        // Grid and ticks.
        for tick in xScale.ticks() {
            let x = xScale.position(tick)
            svg += "<line x1=\"\(f(x))\" y1=\"\(f(top))\" x2=\"\(f(x))\" y2=\"\(f(height - bottom))\" stroke=\"#e5e5e5\"/>\n"
            svg += "<text x=\"\(f(x))\" y=\"\(f(height - bottom + 16))\" text-anchor=\"middle\">\(Self.label(tick))</text>\n"
        }
        for tick in yScale.ticks() {
            let y = yScale.position(tick)
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(width - right))\" y2=\"\(f(y))\" stroke=\"#e5e5e5\"/>\n"
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(Self.label(tick))</text>\n"
        }
        svg += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(width - left - right))\" height=\"\(f(height - top - bottom))\" fill=\"none\" stroke=\"#444\"/>\n"
        svg += "<text x=\"\(f((left + width - right) / 2))\" y=\"\(f(height - 18))\" text-anchor=\"middle\">\(Self.escape(xLabel))\(xLogarithmic ? " (log)" : "")</text>\n"
        svg += "<text transform=\"translate(18 \(f((top + height - bottom) / 2))) rotate(-90)\" text-anchor=\"middle\">\(Self.escape(yLabel))\(yLogarithmic ? " (log)" : "")</text>\n"
        // Data.
        for series in series {
            let points = series.points.filter { $0.x.isFinite && $0.y.isFinite }
            if series.connected, points.count > 1 {
                let path = points.sorted { $0.x < $1.x }.map { "\(f(xScale.position($0.x))),\(f(yScale.position($0.y)))" }
                svg += "<polyline points=\"\(path.joined(separator: " "))\" fill=\"none\" stroke=\"\(series.color)\" stroke-width=\"1.5\"/>\n"
            }
            for point in points {
                let x = f(xScale.position(point.x))
                let y = f(yScale.position(point.y))
                if series.emphasized {
                    svg += "<circle cx=\"\(x)\" cy=\"\(y)\" r=\"5\" fill=\"\(series.color)\" stroke=\"black\" stroke-width=\"1\"/>\n"
                } else {
                    svg += "<circle cx=\"\(x)\" cy=\"\(y)\" r=\"3\" fill=\"\(series.color)\" fill-opacity=\"0.55\"/>\n"
                }
            }
        }
        // Legend.
        for (index, series) in series.enumerated() {
            let y = top + 14 + Double(index) * 16
            svg += "<circle cx=\"\(f(width - right - 150))\" cy=\"\(f(y - 4))\" r=\"\(series.emphasized ? 5 : 3)\" fill=\"\(series.color)\"\(series.emphasized ? " stroke=\"black\"" : "")/>\n"
            svg += "<text x=\"\(f(width - right - 140))\" y=\"\(f(y))\">\(Self.escape(series.name))</text>\n"
        }
        return svg + "</svg>\n"
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }

    static func label(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 1e6 || (magnitude < 1e-2 && magnitude > 0) { return String(format: "%.3g", value) }
        if value == value.rounded() { return String(Int64(value)) }
        return String(format: "%.3g", value)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Maps data values to pixels.
    struct Scale {
        var low: Double
        var high: Double
        let logarithmic: Bool
        let from: Double
        let to: Double

        init(values: [Double], logarithmic requested: Bool, from: Double, to: Double) {
            let usable = requested ? values.filter { $0 > 0 } : values
            logarithmic = requested && !usable.isEmpty
            var low = usable.min() ?? 0
            var high = usable.max() ?? 1
            if logarithmic {
                low /= 1.15
                high *= 1.15
            } else {
                // Values equal up to rounding (1022.2549296875 and ...875001) span less than a
                // floating-point step at their size: widen the range as for equal values, or the
                // tick step would not advance a tick.
                if high - low <= 1e-9 * max(abs(low), abs(high), 1) {
                    let middle = (low + high) / 2
                    low = middle - 1
                    high = middle + 1
                }
                let pad = (high - low) * 0.05
                low = low >= 0 && low - pad < 0 ? 0 : low - pad
                high += pad
            }
            self.low = low
            self.high = high
            self.from = from
            self.to = to
        }

        func position(_ value: Double) -> Double {
            let t = logarithmic ? (log(max(value, low)) - log(low)) / (log(high) - log(low)) : (value - low) / (high - low)
            return from + t * (to - from)
        }

        /// About six round tick values: 1-2-5 steps, or powers of two/ten on a log axis.
        func ticks() -> [Double] {
            if logarithmic {
                let decades = log10(high / low)
                let base = decades < 2.5 ? 2.0 : 10.0
                var tick = pow(base, floor(log(low) / log(base)))
                var result: [Double] = []
                while tick <= high {
                    if tick >= low { result.append(tick) }
                    tick *= base
                }
                return result
            }
            let raw = (high - low) / 6
            let magnitude = pow(10, floor(log10(raw)))
            let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
            var tick = ceil(low / step) * step
            var result: [Double] = []
            while tick <= high + step * 1e-9 {
                result.append(abs(tick) < step * 1e-9 ? 0 : tick)
                tick += step
            }
            return result
        }
    }
}
