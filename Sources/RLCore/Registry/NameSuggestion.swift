/// "Did you mean …?" for names typed almost right: an option, an agent or an environment.
///
/// A candidate is suggested when the typed name is its abbreviation by initials (`lr` for
/// `learning-rate`), a prefix of it (`learn` for `learning-rate`), or within a small edit distance
/// (`cartpol` for `cartpole`, `discont` for `discount`), ignoring case.
public enum NameSuggestion {
    /// The candidate closest to `typed`, or `nil` when none is close.
    public static func closest(to typed: String, among candidates: [String]) -> String? {
        let key = typed.lowercased()
        guard !key.isEmpty else { return nil }
        if let match = candidates.first(where: { initials(of: $0.lowercased()) == key && key.count >= 2 }) { return match }
        let limit = max(1, min(3, key.count / 3))
        let scored = candidates.map { ($0, distance(key, $0.lowercased())) }.filter { $0.1 <= limit }
        if let best = scored.min(by: { $0.1 < $1.1 }) { return best.0 }
        if key.count >= 3, let match = candidates.first(where: { $0.lowercased().hasPrefix(key) }) { return match }
        return nil
    }

    /// ` (did you mean 'learning-rate'?)`-style text, or an empty string.
    public static func hint(for typed: String, among candidates: [String], prefix: String = "") -> String {
        closest(to: typed, among: candidates).map { "; did you mean \(prefix)\($0)?" } ?? ""
    }

    /// The first letters of a name's words (`learning-rate` is `lr`, `maxEpisodeSteps` is `mes`).
    static func initials(of name: String) -> String {
        var result = ""
        var atStart = true
        for character in name {
            if character == "-" || character == "_" || character == " " {
                atStart = true
            } else if atStart {
                result.append(character)
                atStart = false
            }
        }
        return result
    }

    /// The Levenshtein distance between two names.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
