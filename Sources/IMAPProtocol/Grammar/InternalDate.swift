/// The `date-time` of INTERNALDATE (RFC 9051 §9): `"08-Dec-2026 00:13:01 +0000"`, read as Unix seconds.
///
/// Strict: the fixed layout only, a real calendar date, hours below 24, a zone of at most ±24:00; anything else
/// is a parse error, never a guessed time.
enum InternalDate {
    private static let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]

    // date-time      = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE
    // date-day-fixed = (SP DIGIT) / 2DIGIT
    // time           = 2DIGIT ":" 2DIGIT ":" 2DIGIT
    // zone           = ("+" / "-") 4DIGIT
    static func parse(from cursor: inout ByteCursor) throws(ParseError) -> Int64 {
        try cursor.expect(UInt8(ascii: "\""), "DQUOTE")
        let day = cursor.skip(UInt8(ascii: " ")) ? try digits(1, &cursor) : try digits(2, &cursor)
        try cursor.expect(UInt8(ascii: "-"), "-")
        let start = cursor.index
        let name = String(decoding: try cursor.take("month", while: ASCII.isAlpha), as: UTF8.self).uppercased()
        guard let month = months.firstIndex(of: name).map({ $0 + 1 }) else {
            cursor.index = start
            throw cursor.unexpected("a month name")
        }
        try cursor.expect(UInt8(ascii: "-"), "-")
        let year = try digits(4, &cursor)
        try cursor.expectSpace()
        let hour = try digits(2, &cursor)
        try cursor.expect(UInt8(ascii: ":"), ":")
        let minute = try digits(2, &cursor)
        try cursor.expect(UInt8(ascii: ":"), ":")
        let second = try digits(2, &cursor)
        try cursor.expectSpace()
        let sign: Int64
        switch cursor.current {
        case UInt8(ascii: "+"): sign = 1
        case UInt8(ascii: "-"): sign = -1
        default: throw cursor.unexpected("+ or -")
        }
        cursor.index += 1
        let zone = try digits(4, &cursor)
        try cursor.expect(UInt8(ascii: "\""), "DQUOTE")
        guard (1...daysIn(month: month, year: year)).contains(day), hour < 24, minute < 60, second < 61,
            zone / 100 <= 24, zone % 100 < 60
        else { throw cursor.error(.unexpectedByte(UInt8(ascii: "\""), expected: "a real date and time")) }
        let local = daysFromCivil(year: year, month: month, day: day) * 86_400
            + Int64(hour * 3600 + minute * 60 + second)
        return local - sign * Int64((zone / 100) * 3600 + (zone % 100) * 60)
    }

    /// Exactly `count` ASCII digits as a number.
    private static func digits(_ count: Int, _ cursor: inout ByteCursor) throws(ParseError) -> Int {
        var value = 0
        for _ in 0..<count {
            guard let byte = cursor.current, ASCII.isDigit(byte) else { throw cursor.unexpected("DIGIT") }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            cursor.index += 1
        }
        return value
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
