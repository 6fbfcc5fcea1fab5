/// A hardware question the report answers in its first paragraph: the smallest value of an axis at
/// which some point of a model meets a bound on a metric, e.g. "the smallest DLA buffer at which
/// no ResNet-50 operator on the DLA needs tiling" (`smallest: dla_cbuf_kib`,
/// `metric: tiled_operators.dla`, `at_most: 0`).
public struct SweepQuestion: Sendable {
    public var text: String
    public var model: String
    /// The axis whose smallest qualifying value is the answer.
    public var axis: String
    /// A metric name as in the results (`latency_us`, `memory_spills`, `tiled_operators.dla`, ...).
    public var metric: String
    public var atMost: Double
}
