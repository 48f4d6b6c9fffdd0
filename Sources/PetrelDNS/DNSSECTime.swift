/// The RRSIG inception and expiration fields in their text form, `YYYYMMDDHHmmSS` in UTC (RFC 4034 §3.2).
///
/// Pure calendar arithmetic instead of Foundation's date APIs: PetrelDNS stays free of Foundation, and the
/// conversion is exact for every 32-bit value. The wire value is read as seconds since 1970 (up to 2106);
/// RFC 1982 serial-number arithmetic belongs to validity checks, not to printing.
public enum DNSSECTime {
  /// `20240101120000` for 1704110400.
  public static func format(_ seconds: UInt32) -> String {
    let days = Int(seconds / 86_400)
    let secondOfDay = Int(seconds % 86_400)
    let (year, month, day) = civilDate(daysSinceEpoch: days)
    var text = String(year)
    for part in [month, day, secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60] {
      if part < 10 { text += "0" }
      text += String(part)
    }
    return text
  }

  /// Parses `YYYYMMDDHHmmSS` (taken modulo 2^32, as RFC 4034 §3.1.5 says) or a plain count of seconds.
  public static func parse(_ text: [UInt8]) -> UInt32? {
    guard !text.isEmpty, text.count <= 14, text.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
    let digits = text.map { Int($0 - 0x30) }
    guard digits.count == 14 else {
      let value = digits.reduce(0) { $0 * 10 + $1 }
      return value <= Int(UInt32.max) ? UInt32(value) : nil
    }
    func number(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + $1 } }
    let year = number(0..<4)
    let month = number(4..<6)
    let day = number(6..<8)
    let hour = number(8..<10)
    let minute = number(10..<12)
    let second = number(12..<14)
    guard year >= 1970, (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
      hour < 24, minute < 60, second < 60
    else { return nil }
    let total = daysSinceEpoch(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
    return UInt32(truncatingIfNeeded: total)
  }

  private static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

  private static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Days from 1970-01-01 to the given date of the proleptic Gregorian calendar (years counted from March).
  private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = shiftedYear / 400
    let yearOfEra = shiftedYear - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The inverse of `daysSinceEpoch`, for non-negative day counts.
  private static func civilDate(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
    let shifted = days + 719_468
    let era = shifted / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }
}
