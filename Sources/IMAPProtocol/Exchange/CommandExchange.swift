/// The client side of one command: sends its parts, answers continuation requests, collects untagged
/// responses, and ends on the tagged response. Pure: the caller performs each returned `Action`.
public struct CommandExchange: Sendable {
    /// What the caller must do next.
    public enum Action: Hashable, Sendable {
        /// Write these bytes; log `transcript` (credentials already `<redacted>`).
        case send(bytes: [UInt8], transcript: String)
        /// Read the next response and pass it to `receive(_:)`.
        case wait
        /// The tagged response arrived (OK, NO or BAD: check `CommandOutcome.isOK`).
        case complete(CommandOutcome)
        /// The exchange cannot go on; the connection should be closed.
        case fail(ExchangeError)
    }

    private enum State: Sendable {
        case idle
        /// Parts `nextPart...` still wait for continuation requests.
        case sendingLiterals(nextPart: Int)
        /// Everything sent; SASL rounds answered so far counted for AUTHENTICATE.
        case awaitingCompletion(saslRounds: Int)
        case finished
    }

    /// The tag whose tagged response completes the exchange.
    public let tag: String
    private let command: EncodedCommand
    private let options: ExchangeOptions
    private var state = State.idle
    private var untagged: [UntaggedResponse] = []

    /// Creates an exchange for `command` (encoded with `tag`).
    public init(tag: String, command: EncodedCommand, options: ExchangeOptions = ExchangeOptions()) {
        self.tag = tag
        self.command = command
        self.options = options
    }

    /// Returns the first part to send.
    public mutating func start() -> Action {
        guard case .idle = state, let first = command.sendParts.first else {
            return finish(.fail(.misuse("start() called twice or with an empty command")))
        }
        state = command.sendParts.count > 1 ? .sendingLiterals(nextPart: 1) : .awaitingCompletion(saslRounds: 0)
        return .send(bytes: first.bytes, transcript: first.transcript)
    }

    /// Handles one parsed server response.
    public mutating func receive(_ response: Response) -> Action {
        switch (state, response) {
        case (.idle, _), (.finished, _):
            return finish(.fail(.misuse("receive(_:) outside a running exchange")))
        case (_, .untagged(let data)):
            return collect(data)
        case (_, .tagged(let tagged)):
            guard tagged.tag == tag else {
                return finish(.fail(.unexpectedTag(expected: tag, received: tagged.tag)))
            }
            return finish(.complete(CommandOutcome(tagged: tagged, untagged: untagged)))
        case (.sendingLiterals(let nextPart), .continuation):
            let part = command.sendParts[nextPart]
            let following = nextPart + 1
            state = following < command.sendParts.count
                ? .sendingLiterals(nextPart: following) : .awaitingCompletion(saslRounds: 0)
            return .send(bytes: part.bytes, transcript: part.transcript)
        case (.awaitingCompletion(let rounds), .continuation):
            return answerChallenge(afterRounds: rounds)
        }
    }

    private mutating func collect(_ data: UntaggedResponse) -> Action {
        if case .condition(let status) = data, status.condition == .bye, !command.isLogout {
            return finish(.fail(.bye(status.text.escapingControlCharacters)))
        }
        guard untagged.count < options.maxUntaggedResponses else {
            return finish(.fail(.tooManyUntaggedResponses(limit: options.maxUntaggedResponses)))
        }
        untagged.append(data)
        return .wait
    }

    /// AUTHENTICATE: the first `+` gets the pending credentials (no SASL-IR); any later one is an error report
    /// (XOAUTH2 and OAUTHBEARER send their error JSON this way) and gets the mechanism's acknowledgement, after
    /// which the server sends the tagged NO.
    private mutating func answerChallenge(afterRounds rounds: Int) -> Action {
        guard command.isAuthenticate else { return finish(.fail(.unexpectedContinuation)) }
        guard rounds < options.maxSASLRounds else {
            return finish(.fail(.tooManySASLRounds(limit: options.maxSASLRounds)))
        }
        state = .awaitingCompletion(saslRounds: rounds + 1)
        if rounds == 0, let pending = command.pendingSASLResponse {
            return .send(bytes: pending.bytes, transcript: pending.transcript)
        }
        let answer = command.saslChallengeAnswer
        return .send(bytes: answer.bytes, transcript: answer.transcript)
    }

    private mutating func finish(_ action: Action) -> Action {
        state = .finished
        return action
    }
}
