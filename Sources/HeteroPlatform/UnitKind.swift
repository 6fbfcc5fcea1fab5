/// The broad kind of a processing unit. It is descriptive (summaries, heuristics that prefer
/// accelerators); what a unit can run and how fast is given by its own figures.
public enum UnitKind: String, CaseIterable, Codable, Sendable, Hashable {
    case cpu, gpu, dsp, dla, npu
}
