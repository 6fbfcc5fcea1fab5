import HeteroExplore
import XCTest

/// Plots of sweep results.
final class SVGPlotTests: XCTestCase {
    /// Values equal up to rounding (a latency that does not change along an axis, computed along
    /// two paths) once made the tick loop step by less than a floating-point step at their size
    /// and allocate without end (`merge` aborted). They plot like equal values.
    func testValuesEqualUpToRoundingPlotWithAFewTicks() {
        let points: [(x: Double, y: Double)] = [(128, 1022.2549296875), (256, 1022.2549296875001), (512, 1022.2549296875001)]
        let plot = SVGPlot(title: "latency", xLabel: "cbuf", yLabel: "latency (µs)", series: [.init(name: "squeezenet", color: "#000", points: points)])
        let svg = plot.render()
        XCTAssertTrue(svg.hasPrefix("<svg"))
        let ticks = svg.components(separatedBy: "<line").count - 1
        XCTAssertLessThan(ticks, 60, "a handful of grid lines, not one per rounding step")
    }
}
