/// An activity whose speed depends on what else runs (contention on): an operator's busy phase
/// streaming from its memory, or a transfer hop's data phase on a link.
///
/// Progress is measured in microseconds of work at full speed; `speed` in (0, 1] is the
/// fraction of full speed the fair share currently allows. Between two reshares the speed is
/// constant, so the completion time is exact for that interval.
struct _Flow {
    /// The operator or transfer (as an entity).
    var entity: Int32
    var remainingUS: Double
    /// Bytes per microsecond wanted at full speed.
    var cap: Double
    var resources: (Int32, Int32, Int32)
    /// The fraction of the rate each resource carries (`_FairShare.Flow.shares`).
    var shares: (Double, Double, Double)
    var speed: Double
    var lastTick: Int64
}
