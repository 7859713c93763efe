/// Why a dialogue failed, for the one line NIOFloor prints before it exits.
struct Failure: Error, CustomStringConvertible {
    var description: String
}
