/// One step of a `MemoryRoute`: a transfer over one link in one direction.
public struct RouteHop: Sendable, Hashable {
    /// The memory the data leaves.
    public var from: String
    /// The memory the data arrives in.
    public var to: String
    /// Index of the link in `Platform.links`.
    public var linkIndex: Int
    public var link: Link

    public init(from: String, to: String, linkIndex: Int, link: Link) {
        self.from = from
        self.to = to
        self.linkIndex = linkIndex
        self.link = link
    }

    /// Time to move `bytes` over this hop, in microseconds.
    public func transferTimeUS(bytes: Int) -> Double {
        link.transferTimeUS(bytes: bytes)
    }
}
