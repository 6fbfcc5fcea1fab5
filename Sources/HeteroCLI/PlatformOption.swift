import ArgumentParser
import HeteroPlatform

/// The `--platform` option shared by cost, plan and simulate.
struct PlatformOption: ParsableArguments {
    @Option(name: .long, help: "A platform description (hetero-plan/platform@1), e.g. Platforms/onnc-cpu-dsp-dla.json.")
    var platform: String

    func load() throws -> Platform {
        try Platform.load(path: platform)
    }
}
