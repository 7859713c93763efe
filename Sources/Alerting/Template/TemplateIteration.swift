/// Where a section over a list is: the current item's position and the list's length.
struct TemplateIteration: Sendable {
    var index: Int
    var count: Int
}
