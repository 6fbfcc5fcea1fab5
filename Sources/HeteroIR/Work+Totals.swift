extension Work {
    /// The sum of `works`, each counted `times` times (a loop body per iteration), or nil when a
    /// figure would exceed `SizeLimit.maximum`.
    public static func total(_ works: [Work], times: Int = 1) -> Work? {
        func figure(_ value: (Work) -> Int) -> Int? {
            guard let sum = SizeLimit.sum(works.map(value)) else { return nil }
            return SizeLimit.product([sum, times])
        }
        guard let macs = figure(\.macs), let flops = figure(\.flops), let activations = figure(\.activationBytesRead),
              let weights = figure(\.weightBytesRead), let written = figure(\.bytesWritten) else { return nil }
        return Work(macs: macs, flops: flops, activationBytesRead: activations, weightBytesRead: weights, bytesWritten: written)
    }
}
