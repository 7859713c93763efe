import Prober

/// The flap control of one alert: takes the level each probe observed and says what to send.
///
/// - Fires after `failureThreshold` bad probes in a row (warning or critical, in any mix), at the level of the
///   probe that crossed the threshold; a good probe before that resets the count.
/// - While firing, a bad probe at a higher level than the firing one (warning to critical) sends the alert again
///   at once with the new level: an escalation may page someone.
/// - A lower level (critical to warning) takes `successThreshold` probes in a row below the firing level, `ok`
///   ones included; the step down is sent with the level of the bad probe that completes the run (an `ok` probe
///   never steps down, it only counts). Until then the alert stays at its level and nothing is sent, so a value
///   hovering about the critical threshold is sent once, not at every probe. A probe at the firing level or
///   above starts the run again.
/// - Resolves after `successThreshold` good probes in a row, sending `resolved` when `sendResolved`; a bad probe
///   resets the good-probe count.
/// - Repeats a firing alert when `repeatInterval` (not zero) has passed since it was last sent, at the next
///   probe at its level.
/// Pure: time comes in with each observation (Unix seconds), so restarts and tests replay exactly.
public struct AlertStateMachine: Sendable {
    /// The thresholds.
    public let control: FlapControl

    /// A machine with `control`.
    public init(control: FlapControl) {
        self.control = control
    }

    /// The state after `state` observes `level` at `now`, and what to send.
    public func observe(_ level: AlertLevel, at now: Double, in state: AlertState) -> (AlertState, AlertTransition?) {
        switch state {
        case .inactive(let badStreak):
            guard level != .ok else { return (.inactive(badStreak: 0), nil) }
            let streak = badStreak + 1
            guard streak >= control.failureThreshold else { return (.inactive(badStreak: streak), nil) }
            return (firing(level, since: now, at: now), .firing(level: level, since: now))
        case .firing(let firingLevel, let since, let lastNotified, let goodStreak, let lowerStreak):
            if level == .ok {
                let streak = goodStreak + 1
                guard streak >= control.successThreshold else {
                    return (
                        .firing(
                            level: firingLevel, since: since, lastNotified: lastNotified, goodStreak: streak,
                            lowerStreak: lowerStreak + 1),
                        nil
                    )
                }
                return (
                    .inactive(badStreak: 0),
                    control.sendResolved ? .resolved(level: firingLevel, since: since) : nil
                )
            }
            if level < firingLevel, lowerStreak + 1 < control.successThreshold {
                return (
                    .firing(
                        level: firingLevel, since: since, lastNotified: lastNotified, goodStreak: 0,
                        lowerStreak: lowerStreak + 1),
                    nil
                )
            }
            if level != firingLevel {
                return (firing(level, since: since, at: now), .firing(level: level, since: since))
            }
            if control.repeatInterval > .zero, now - lastNotified >= control.repeatInterval.inSeconds {
                return (firing(level, since: since, at: now), .repeated(level: level, since: since))
            }
            return (
                .firing(level: level, since: since, lastNotified: lastNotified, goodStreak: 0, lowerStreak: 0), nil
            )
        }
    }

    /// Firing at `level` since `since`, just sent at `now`, no streak.
    private func firing(_ level: AlertLevel, since: Double, at now: Double) -> AlertState {
        .firing(level: level, since: since, lastNotified: now, goodStreak: 0, lowerStreak: 0)
    }
}
