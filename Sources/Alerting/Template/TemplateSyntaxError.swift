/// A template that is not Mustache: what is wrong and where, counted as people count (lines and columns from 1,
/// columns in Unicode scalars).
struct TemplateSyntaxError: Error, Equatable {
    var line: Int
    var column: Int
    /// The line the problem is on, without its line break.
    var lineText: String
    /// What is wrong, in words.
    var explanation: String
}
