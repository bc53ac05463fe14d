/// The warning that a block metric rests on too few blocks to be compared between runs.
///
/// With B blocks, about half of them anomalous, block AUROC moves in steps of roughly 4/B² and a
/// handful of blocks decide it: on the AMAD paper's own zigzag counts (20 test blocks) Isolation
/// Forest's block AUROC ranged over 0.28-0.79 across seeds 0-9, against 0.46-0.60 over 200 blocks. Below ``minimumBlocks`` blocks every evaluation
/// that computes block metrics says so, once per distinct block count, in the same words on
/// stderr and in the JSON `warnings` list. An undefined block metric (one class of blocks)
/// warns nothing: there is no figure to mistrust.
public enum BlockCountWarning {
    /// The fewest blocks for which block metrics are reported without a warning.
    public static let minimumBlocks = 30

    /// `block metrics rest on 20 blocks (fewer than 30); block AUROC is unstable between runs`,
    /// once per distinct block count under ``minimumBlocks`` among the runs with a defined block
    /// metric, smallest count first.
    public static func warnings(_ runs: [RunResult]) -> [String] {
        let counts = Set(runs.compactMap { run -> Int? in
            guard let block = run.block, case .defined = block.outcome, isFew(block.blockCount) else { return nil }
            return block.blockCount
        })
        return counts.sorted().map {
            "block metrics rest on \($0) blocks (fewer than \(minimumBlocks)); block AUROC is unstable between runs"
        }
    }

    /// Whether `blockCount` blocks are too few for a stable block metric.
    public static func isFew(_ blockCount: Int) -> Bool { blockCount < minimumBlocks }
}
