import Metrics

/// How a recipe's datasets are evaluated: the paper's protocol, applied by
/// `toolkit evaluate --dataset` when no `--cutoff` / `--block-size` is given.
///
///     evaluation:
///       cutoffs: [top:0.2]     # cut-off rules (default: youden, best-f1, top:contamination)
///       blocks: false          # also block-level metrics over the dataset's block column
///       runs: 5                # repeated runs with derived seeds, for benchmarks
public struct EvaluationSpec: Sendable, Equatable, Encodable {
    public var cutoffs: [String]
    public var blocks: Bool
    public var runs: Int

    public static let defaultCutoffs = ["youden", "best-f1", "top:contamination"]

    public init(cutoffs: [String] = EvaluationSpec.defaultCutoffs, blocks: Bool = false, runs: Int = 5) {
        self.cutoffs = cutoffs
        self.blocks = blocks
        self.runs = runs
    }

    init(_ node: RecipeNode) throws {
        let m = try node.mapping(allowed: ["cutoffs", "blocks", "runs"])
        cutoffs = try m.value("cutoffs", default: EvaluationSpec.defaultCutoffs) { list in
            let rules = try list.list().map { item -> String in
                let text = try item.string()
                var body = Substring(text)
                if body.hasPrefix("calibrated:") { body = body.dropFirst("calibrated:".count) }
                let isCount = body.hasPrefix("top:") && !body.contains(".") && (Int(body.dropFirst(4)) ?? 0) >= 1
                if !isCount {
                    do { _ = try CutoffRule(parsing: String(body)) } catch let problem as CutoffRule.ParseError { throw item.error(problem.description) }
                }
                return text
            }
            if rules.isEmpty { throw list.error("expected at least one cut-off") }
            return rules
        }
        blocks = try m.value("blocks", default: false) { try $0.bool() }
        runs = try m.value("runs", default: 5) { try $0.int(in: 1...1000) }
    }
}
