/// The warning that a `top:K` / `top-count:K` cut-off asks for more rows than a run has, so it
/// flags every row: the evaluation is still made (the rule is well defined), but a count that
/// exceeds the rows is usually a typo or a cut-off meant for another file.
public enum TopCountWarning {
    /// `cut-off top-count:20001 asks for 20001 rows; run.csv:score has 20000, so every row is
    /// flagged`, once per (cut-off, run) where K is above the run's rows, in the runs' order.
    public static func warnings(_ runs: [RunResult]) -> [String] {
        var warnings: [String] = []
        for run in runs {
            for result in run.cutoffs {
                guard case .topCount(let count) = result.spec.rule, count > run.curve.count else { continue }
                warnings.append("cut-off \(result.spec.text) asks for \(count) rows; \(run.name) has \(run.curve.count), so every row is flagged")
            }
        }
        return warnings
    }
}
