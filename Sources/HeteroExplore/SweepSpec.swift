import HeteroIR
import HeteroPlan
import HeteroSupport

/// A design-space-exploration batch (`hetero-plan/sweep@1`): a base platform, axes that vary its
/// fields, the models and strategies to plan, and what to measure. Read one with
/// `SweepSpec.load(path:strategies:)`, which validates everything — every pointer resolves in the
/// base platform, every axis value has the right type and gives a valid platform on its own, every
/// model loads — so that a bad spec fails before any point runs.
///
/// ```json
/// {
///   "format": "hetero-plan/sweep@1",
///   "name": "dla-cbuf",
///   "base_platform": "../../Platforms/onnc-cpu-dsp-dla.json",
///   "axes": [
///     {"name": "dla_cbuf_kib", "pointer": "/memories/dla_cbuf/capacity_bytes", "scale": 1024,
///      "range": {"from": 64, "to": 4096, "factor": 2}},
///     {"name": "dram_gb_s", "pointer": "/memories/dram/bandwidth_gb_s", "range": {"from": 12.8, "to": 51.2, "step": 12.8}},
///     {"name": "dsp_units", "clone_unit": "dsp", "values": [1, 2, 4]}
///   ],
///   "models": [{"name": "resnet50", "path": "../../Models/light_resnet50.onnx"}],
///   "strategies": ["optimize"],
///   "objectives": ["latency"],
///   "cost": {"unit": {"dla": 8, "dsp": 3}, "per_mac": {"dla": 0.002}, "per_kib": {"dla_cbuf": 0.01}},
///   "sampling": {"mode": "grid"},
///   "planner": {"time_limit_s": 30, "seed": 1, "residency": "optimize"},
///   "point_time_limit_s": 120,
///   "questions": [{"text": "...", "model": "resnet50", "smallest": "dla_cbuf_kib",
///                  "metric": "tiled_operators.dla", "at_most": 0}]
/// }
/// ```
/// Relative paths are relative to the spec file.
public struct SweepSpec: Sendable {
    public static let formatIdentifier = "hetero-plan/sweep@1"

    /// The file the spec was read from (named in messages).
    public var file: String
    public var name: String
    public var description: String?
    /// Path of the base platform as resolved from the spec's directory.
    public var basePlatformPath: String
    /// The base platform document, validated.
    public var basePlatform: JSONValue
    public var axes: [SweepAxis]
    public var models: [SweepModel]
    public var strategies: [String]
    public var objectives: [String]
    public var cost: AreaCostModel?
    public var sampling: Sampling
    /// A wall-clock cap on the planner (`planner.time_limit_s`), or nil: limits counted in work.
    public var plannerTimeLimitSeconds: Double?
    public var plannerSeed: UInt64
    /// Refinement evaluations of `optimize` (nil: scaled to the graph).
    public var plannerEvaluationBudget: Int?
    /// How the residency stage keeps activations in on-chip memories (`planner.residency`;
    /// default `optimize`, as `plan`'s `--residency`).
    public var plannerResidency: ResidencyPolicy
    /// Wall-clock limit for one point; a point over it is recorded as failed.
    public var pointTimeLimitSeconds: Double
    public var questions: [SweepQuestion]

    /// The objectives the planner implements today (`PlanOptions.Objective` lists more names than it
    /// can optimise; the plan command rejects the others too).
    public static let implementedObjectives = PlanOptions.Objective.allCases.map(\.rawValue)

    /// A fingerprint of everything that determines the points' results: the canonical spec text
    /// (minus presentation-only fields), the base platform and the models' file sizes.
    public var fingerprint: String
}
