import Config
import Testing

/// A secret never shows, however it is printed.
@Suite("Secret")
struct SecretTests {
    @Test("description, debugDescription, interpolation, dump and Mirror all hide the value")
    func hidden() {
        let value = "hunter2-\(UInt32.random(in: 0...UInt32.max))"
        let settings = ProbeSettings(
            host: "h", credentials: Credentials(username: "u", secret: Secret(value)))
        var dumped = ""
        dump(settings, to: &dumped)
        let renderings = [
            String(describing: settings), String(reflecting: settings), "\(settings)", dumped,
            String(describing: Mirror(reflecting: Secret(value)).children.map(\.value)),
        ]
        for rendering in renderings {
            #expect(!rendering.contains(value), "leaked in: \(rendering)")
        }
        #expect(dumped.contains("u"), "the dump still shows what is not secret")
    }
}
