/// The `alerting:` keys one mapping of the file set (`defaults:`, a module, or a target), each optional; part of
/// a `ProbeLayer`, which keeps their origins under `alerting.<key>`.
struct AlertPolicyLayer: Sendable, Hashable {
    var failureThreshold: Int?
    var successThreshold: Int?
    var sendResolved: Bool?
    var repeatInterval: Duration?
    /// `nil` when unset; `.some(nil)` for `tls_version_min: none` (check nothing).
    var minimumTLSVersion: TLSVersion??
    /// The whole list: a higher layer's `disable:` replaces a lower one's (`[]` turns every condition back on).
    var disabledConditions: Set<String>?

    /// This layer over `lower`: every key this layer leaves unset comes from `lower`.
    func overlaying(_ lower: AlertPolicyLayer) -> AlertPolicyLayer {
        AlertPolicyLayer(
            failureThreshold: failureThreshold ?? lower.failureThreshold,
            successThreshold: successThreshold ?? lower.successThreshold,
            sendResolved: sendResolved ?? lower.sendResolved,
            repeatInterval: repeatInterval ?? lower.repeatInterval,
            minimumTLSVersion: minimumTLSVersion ?? lower.minimumTLSVersion,
            disabledConditions: disabledConditions ?? lower.disabledConditions)
    }

    /// The policy these keys give, with the built-in values for what no layer set.
    var policy: AlertPolicy {
        let builtIn = AlertPolicy()
        return AlertPolicy(
            failureThreshold: failureThreshold ?? builtIn.failureThreshold,
            successThreshold: successThreshold ?? builtIn.successThreshold,
            sendResolved: sendResolved ?? builtIn.sendResolved,
            repeatInterval: repeatInterval ?? builtIn.repeatInterval,
            minimumTLSVersion: minimumTLSVersion ?? builtIn.minimumTLSVersion,
            disabledConditions: disabledConditions ?? builtIn.disabledConditions)
    }
}
