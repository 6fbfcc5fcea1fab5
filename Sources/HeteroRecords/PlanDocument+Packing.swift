extension PlanDocument {
    /// One unit with a program memory (an AI Engine tile) that runs operators in the plan (its
    /// `kernels`: those with a program there; views run as aliases without one): how
    /// full it is in time and in program memory. `runTimeRatio` is the sum of its kernels'
    /// run-time ratios: their time per inference (`busyUS`) over the plan's `summary.interval_us`,
    /// at most 1; `programBytes` is the sum of their programs, at most `programCapacityBytes`.
    public struct UnitPacking: Codable, Sendable, Equatable {
        public var unit: String
        public var kernels: Int
        public var busyUS: Double
        public var runTimeRatio: Double
        public var programBytes: Int
        public var programCapacityBytes: Int

        enum CodingKeys: String, CodingKey {
            case unit, kernels
            case busyUS = "busy_us"
            case runTimeRatio = "run_time_ratio"
            case programBytes = "program_bytes"
            case programCapacityBytes = "program_capacity_bytes"
        }

        public init(unit: String, kernels: Int, busyUS: Double, runTimeRatio: Double, programBytes: Int, programCapacityBytes: Int) {
            self.unit = unit
            self.kernels = kernels
            self.busyUS = busyUS
            self.runTimeRatio = runTimeRatio
            self.programBytes = programBytes
            self.programCapacityBytes = programCapacityBytes
        }
    }
}
