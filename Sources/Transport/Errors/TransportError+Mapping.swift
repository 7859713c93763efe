import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension TransportError {
    /// Maps an error from NIO (or one of ours) into a `TransportError` for an established connection.
    static func fromChannelError(_ error: any Error) -> TransportError {
        if let error = error as? TransportError {
            return error
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNRESET, EPIPE:
                return TransportError(.connectionReset, "connection reset by peer (\(error.description))")
            default:
                return TransportError(.ioError, error.description)
            }
        }
        if let error = error as? ChannelError {
            switch error {
            case .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed, .eof:
                return TransportError(.connectionClosed, "connection closed")
            default:
                return TransportError(.ioError, String(describing: error))
            }
        }
        return TransportError(.ioError, String(describing: error))
    }

    /// `fromChannelError(_:)`, or `.timeout` once `deadline` has passed: what failed then is the deadline's doing
    /// (the channel closed at it), whatever the channel reports.
    static func fromChannelError(_ error: any Error, deadline: ContinuousClock.Instant) -> TransportError {
        if Deadline.hasPassed(deadline) {
            return TransportError(.timeout, "the deadline passed")
        }
        return fromChannelError(error)
    }

    /// Maps an error from a TCP connect attempt.
    static func fromConnectError(_ error: any Error) -> TransportError {
        if let error = error as? TransportError {
            return error
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED:
                return TransportError(.connectRefused, "connection refused")
            case ETIMEDOUT:
                return TransportError(.connectTimeout, "connect timed out (\(error.description))")
            default:
                return TransportError(.connectFailed, error.description)
            }
        }
        if let error = error as? ChannelError, case .connectTimeout(let amount) = error {
            return TransportError(.connectTimeout, "no answer within \(amount.nanoseconds / 1_000_000) ms")
        }
        return TransportError(.connectFailed, String(describing: error))
    }
}
