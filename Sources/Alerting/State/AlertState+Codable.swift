/// The saved form is the one Swift synthesizes for an enum (`{"firing": {"level": …, "goodStreak": …}}`,
/// `{"inactive": {"badStreak": …}}`) plus `lowerStreak` in `firing`; a state saved before `lowerStreak` existed
/// reads as 0, and an older build reading a newer file ignores the key.
extension AlertState: Codable {
    private enum CaseKey: String, CodingKey {
        case inactive, firing
    }

    private enum InactiveKey: String, CodingKey {
        case badStreak
    }

    private enum FiringKey: String, CodingKey {
        case level, since, lastNotified, goodStreak, lowerStreak
    }

    /// A state read from its saved form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CaseKey.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: container.codingPath, debugDescription: "expected exactly one of inactive, firing"))
        }
        switch key {
        case .inactive:
            let values = try container.nestedContainer(keyedBy: InactiveKey.self, forKey: .inactive)
            self = .inactive(badStreak: try values.decode(Int.self, forKey: .badStreak))
        case .firing:
            let values = try container.nestedContainer(keyedBy: FiringKey.self, forKey: .firing)
            self = .firing(
                level: try values.decode(AlertLevel.self, forKey: .level),
                since: try values.decode(Double.self, forKey: .since),
                lastNotified: try values.decode(Double.self, forKey: .lastNotified),
                goodStreak: try values.decode(Int.self, forKey: .goodStreak),
                lowerStreak: try values.decodeIfPresent(Int.self, forKey: .lowerStreak) ?? 0)
        }
    }

    /// Writes the saved form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CaseKey.self)
        switch self {
        case .inactive(let badStreak):
            var values = container.nestedContainer(keyedBy: InactiveKey.self, forKey: .inactive)
            try values.encode(badStreak, forKey: .badStreak)
        case .firing(let level, let since, let lastNotified, let goodStreak, let lowerStreak):
            var values = container.nestedContainer(keyedBy: FiringKey.self, forKey: .firing)
            try values.encode(level, forKey: .level)
            try values.encode(since, forKey: .since)
            try values.encode(lastNotified, forKey: .lastNotified)
            try values.encode(goodStreak, forKey: .goodStreak)
            try values.encode(lowerStreak, forKey: .lowerStreak)
        }
    }
}
