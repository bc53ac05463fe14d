/// Whole numbers with their digits in groups of three, as the summaries and messages print
/// counts: `9,000,000`, `-1,250`.
public enum Thousands {
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = n < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
