/// The text each kind of item is embedded as: what its vector stands for. The store reads the fields and
/// calls these, so a change of policy is a change here (and a re-embedding), not in SQL.
public enum EmbeddingText {
    /// `name (type): description`.
    public static func entity(name: String, type: String, description: String) -> String {
        "\(name) (\(type)): \(description)"
    }

    /// Keywords and both endpoints, then the description. Endpoints come in key order (`first` has the
    /// smaller key): the stored order follows entity ids, which depend on which document came first, and the
    /// vector must not.
    public static func relation(keywords: String, first: String, second: String, description: String) -> String {
        "\(keywords)\t\(first)\t\(second)\n\(description)"
    }

    /// The heading path (`A › B`) above the chunk's text, when it has one.
    public static func chunk(headingPath: [String], text: String) -> String {
        headingPath.isEmpty ? text : headingPath.joined(separator: " › ") + "\n" + text
    }
}
