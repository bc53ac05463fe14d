/// "Did you mean": the allowed word closest to a mistyped one (recipe keys and names, detector
/// names and parameters). Written here rather than taken from a library: it is one small edit
/// distance, and no C or Swift package the toolkit already uses offers it.
public enum Spelling {
    /// The candidate within edit distance 2 of `word` (case ignored), the closest first, if any.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        var best: (String, Int)?
        for candidate in candidates {
            let d = editDistance(Array(word.lowercased()), Array(candidate.lowercased()))
            if d <= 2, best.map({ d < $0.1 }) ?? true { best = (candidate, d) }
        }
        return best?.0
    }

    /// " (did you mean 'X'?)" for the closest candidate, or "" when none is close.
    public static func suggestion(for word: String, in candidates: [String]) -> String {
        closest(to: word, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Levenshtein distance: insertions, deletions and substitutions cost 1.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
