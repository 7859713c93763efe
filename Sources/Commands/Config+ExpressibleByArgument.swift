import ArgumentParser
import Config

extension TLSMode: ExpressibleByArgument {}
extension TLSVersion: ExpressibleByArgument {}
extension AuthMechanism: ExpressibleByArgument {}
