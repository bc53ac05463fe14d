import Metrics
import Randomness

/// The bootstrap's random indices (``BinaryCurve/bootstrap(_:replicates:confidenceLevel:seed:stratified:generator:)``)
/// come from the toolkit's one generator: xoshiro256** seeded with the evaluation's `--seed`,
/// integers by Lemire's unbiased `uniformInt(below:)` (Randomness). Metrics itself depends on
/// no random-number module, so the conformance lives here, where both are imported.
extension Xoshiro256StarStar: BootstrapGenerator {}
