extension PlanDocument {
    /// A layer the plan split by output channels over several units (`LayerSplitting`): the
    /// convolution `operator` and the per-channel operators after it (`followers`) became
    /// `slices` chains, slice j computing `channels[j]` output channels, joined by the Concat
    /// `join` into the layer's original output. `simulate` applies the same split to the model
    /// before it runs the plan.
    public struct LayerSplit: Codable, Sendable, Equatable {
        public var `operator`: String
        public var followers: [String]
        public var slices: Int
        public var channels: [Int]
        public var join: String
        /// The split's single-unit time and its slices' largest (the cost model's, on the unit
        /// class it was sized for), microseconds.
        public var unsplitUS: Double
        public var sliceUS: Double

        enum CodingKeys: String, CodingKey {
            case `operator`, followers, slices, channels, join
            case unsplitUS = "unsplit_us"
            case sliceUS = "slice_us"
        }

        public init(operator: String, followers: [String], slices: Int, channels: [Int], join: String, unsplitUS: Double, sliceUS: Double) {
            self.operator = `operator`
            self.followers = followers
            self.slices = slices
            self.channels = channels
            self.join = join
            self.unsplitUS = unsplitUS
            self.sliceUS = sliceUS
        }
    }
}
