import HeteroSupport

/// The plan `plan` has just made does not resolve against its own model and platform (the
/// simulator's resolver rejects a size or a name; a plan too long to simulate is checked first
/// and stays bad input). That is a defect of the planner,
/// not of the user's input, so it is not reported as bad input (status 2) but as an invalid plan
/// (status 3), and no output file is written.
public struct OwnPlanRejected: Error, CustomStringConvertible {
    public let problems: InputError

    public init(problems: InputError) { self.problems = problems }

    public var description: String {
        "the plan failed its own check (a bug in hetero-plan, not in your input: please report it with the command line and the files it names): \(problems)"
    }
}
